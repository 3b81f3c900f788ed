/**
 * Long loops over every post or file (tens of thousands of small steps) run
 * in slices: `await pause()` after each step gives the event loop back once
 * `sliceMs` have passed, so that no request waits long behind the loop
 * (issue 22: no request waits more than 100 ms behind another). Resolves to
 * true when it did yield, so a caller can check whether the world changed.
 */
export function slicer(sliceMs = 8): () => Promise<boolean> {
  let started = performance.now();
  return async () => {
    if (performance.now() - started < sliceMs) return false;
    await new Promise((r) => setImmediate(r));
    started = performance.now();
    return true;
  };
}
