// Report the first painted frame: two rAFs means the frame with our content has been
// presented. Same call, same timing point as Journeylog's dashboard.
requestAnimationFrame(() =>
  requestAnimationFrame(() => {
    window.__TAURI_INTERNALS__.invoke("bench_painted", { label: "hello" });
  }),
);
