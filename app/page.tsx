export default function DashboardPage() {
  return (
    <main className="p-gutter">
      <h1 className="text-2xl font-semibold">Smart Parking</h1>
    </main>
  );
}
