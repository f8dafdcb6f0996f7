// When this content script started, and when it drew. Imported first by
// index.js so `start` is the script's own start. The figures stay inside the
// extension: the page never sees them; the extension asks with
// {type: 'page/timing'}.

/** Milliseconds on the page's performance clock (performance.now()). */
export const timing = {
  /** content script start */
  start: performance.now(),
  /** settings read from storage */
  settings: null,
  /** article blocks extracted (first scan) */
  extracted: null,
  /** first highlight drawn */
  firstDrawn: null,
  /** the whole page drawn (first scan) */
  drawn: null,
  /** first scan: blocks, characters and batches sent to the worker */
  blocks: 0,
  chars: 0,
  batches: 0,
  /** time the core spent analysing, summed over batches (in the worker) */
  coreMs: 0,
  /** longest synchronous slice of extension work on the page's main thread */
  longestSliceMs: 0,
  /** what the longest slice was doing */
  longestSliceWhat: '',
  /**
   * last re-scan after a DOM change: when the change was observed and when it
   * was drawn, and the phases in between (ms): waiting for the scan to start,
   * extracting the blocks, the worker's answers (of which the core's own
   * analysis), drawing
   */
  mutation: { observed: null, drawn: null, analysedBlocks: 0, phases: null },
};

/** Runs of extension work between yields, to find the longest. */
let sliceStart = performance.now();
let what = 'start';

export function sliceBegins() {
  sliceStart = performance.now();
  what = '';
}

/** Notes what the current slice is doing (kept for the longest slice). */
export function sliceDoing(label) {
  if (!what.endsWith(label)) what = what ? `${what}, ${label}` : label;
}

export function sliceEnds() {
  const d = performance.now() - sliceStart;
  if (d > timing.longestSliceMs) {
    timing.longestSliceMs = d;
    timing.longestSliceWhat = what;
  }
}
