// Any other /api path, /api itself included (hence the optional catch-all): a JSON 404
// in the contract's shape instead of an HTML page.
import { errorResponse } from "@/app/api/_lib/errors";

function notFound() {
  return errorResponse("NOT_FOUND", "There is no such API route.");
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
// Without this Next.js would answer OPTIONS itself with an Allow header, as if the path existed.
export const OPTIONS = notFound;
