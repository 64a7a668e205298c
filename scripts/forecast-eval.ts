// `npm run forecast:eval -- path/to/file.csv`: MAE and MAPE of the occupancy-rate forecast
// (model and both baselines) per car park and overall; see scripts/csv-eval.ts.
// Exit codes: 0 evaluated, 1 malformed or unusable file, 2 usage or unreadable file.
import fs from "node:fs";
import { CsvFormatError, evaluateParks, formatReport, parseParkingCsv } from "./csv-eval";

const file = process.argv[2];
if (!file || process.argv.length > 3) {
  console.error("usage: npm run forecast:eval -- path/to/file.csv");
  process.exit(2);
}

let text: string;
try {
  text = fs.readFileSync(file, "utf8");
} catch (error) {
  console.error(
    `${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? error})`,
  );
  process.exit(2);
}

try {
  const parsed = parseParkingCsv(text);
  if (parsed.used === 0) {
    console.error(`${file}: no usable rows (${parsed.rows} read, all skipped)`);
    process.exit(1);
  }
  console.log(formatReport(file, parsed, evaluateParks(parsed)));
} catch (error) {
  if (error instanceof CsvFormatError) {
    console.error(`${file}:${error.line}: malformed file: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
