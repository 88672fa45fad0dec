/** Saves text as a file through the browser's own download (the DSL's exports, the builder's files). */
export function download(fileName: string, mimeType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const a = Object.assign(document.createElement('a'), { href: url, download: fileName });
  a.click();
  // The browser has the file by then; the object URL is let go.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
