export function App() {
  return (
    <main>
      <h1>synack</h1>
      <p>A TCP handshake simulator. The interactive view is coming soon.</p>
    </main>
  );
}
