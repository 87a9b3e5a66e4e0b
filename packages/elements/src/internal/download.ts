/** How long a saved file's object URL lives (the browser has started the download by then). */
const REVOKE_AFTER_MS = 30_000;

/**
 * Saves blobs as file downloads through a hidden link inside the element (no navigation, no
 * inline display), and frees each object URL a while later, or at once on `dispose()`.
 */
export class BlobDownloads {
  private readonly pending = new Map<ReturnType<typeof setTimeout>, string>();

  save(root: ParentNode, blob: Blob, filename: string): void {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.hidden = true;
    root.appendChild(link);
    link.click();
    link.remove();
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      URL.revokeObjectURL(url);
    }, REVOKE_AFTER_MS);
    this.pending.set(timer, url);
  }

  /** The element left the page: free every URL now. */
  dispose(): void {
    for (const [timer, url] of this.pending) {
      clearTimeout(timer);
      URL.revokeObjectURL(url);
    }
    this.pending.clear();
  }
}
