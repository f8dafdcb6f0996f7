// Copying text to the clipboard. Uses no extension APIs.

/**
 * Writes text to the clipboard: the asynchronous clipboard API first, else a
 * hidden textarea and execCommand('copy').
 * @param {string} text
 * @param {{ parent?: ParentNode, className?: string }} [fallback] where the
 *   fallback textarea goes (default: document.body) and the class that hides
 *   it (default: fixed and transparent through inline style)
 * @returns {Promise<boolean>} whether the text was copied
 */
export async function copyText(text, { parent, className } = {}) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const ta = document.createElement('textarea');
    if (className) {
      ta.className = className;
    } else {
      ta.style.position = 'fixed';
      ta.style.opacity = '0';
    }
    ta.value = text;
    (parent || document.body).append(ta);
    ta.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    ta.remove();
    return ok;
  }
}
