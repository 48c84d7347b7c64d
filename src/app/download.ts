// Saves data made in the page as a file: a Blob and an object URL, so nothing leaves the browser.
export function download(blob: Blob, fname: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fname;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // the click has started the download; the URL can go once this task is over
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
