// The user's files, dropped on the page or picked: a CSV is handed to the worker as a File handle
// (it streams the file in, with progress and Cancel); IDX files are read here and their bytes
// transferred. Nothing leaves the browser.
import { useEffect, useState } from 'react';
import { useStore } from '../../../app/store';
import { mayChangeSetup } from './guard';
import type { CsvTask } from '../messages';
import { onWorkerMessage, post } from '../../../app/worker-client';
import { GZIP_MAGIC, IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, fileSizeProblem } from '../../../shared/limits';

// The page refuses bigger files before reading them; the worker checks again with the same limit.

function refuse(file: string, message: string): void {
  useStore.getState().refuseData(file, message);
}

/**
 * The files the worker holds as the user's data, kept as File handles (no copy of the bytes):
 * a restarted worker is sent them again, so a crash loses nothing the user loaded.
 */
type KeptFiles = { kind: 'csv'; file: File } | { kind: 'idx'; images: File; labels: File };
let kept: KeptFiles | null = null;
/** Sent to the worker, not taken yet: kept once it says the data loaded (a refusal or a cancel keeps the old ones). */
let sent: KeptFiles | null = null;

/** The worker reads the file itself (a File is a handle: nothing is copied). */
function loadCsv(file: File, label?: { label: string; task: CsvTask }): void {
  sent = { kind: 'csv', file };
  post({ type: 'load-csv', name: file.name, file, ...label });
}

/** Stops reading the file being loaded; the data loaded before stays. */
export function cancelLoad(): void {
  post({ type: 'cancel-load' });
}

/**
 * Keeps the files the worker took as the user's data, and sends them again to a worker that came
 * back (a restart after a crash), with the CSV's label choice.
 */
export function keepUserFiles(): () => void {
  const unsubLoaded = onWorkerMessage('csv-columns', () => {
    // said after every file that became the data (null for IDX files) and after a re-label
    if (sent) [kept, sent] = [sent, null];
  });
  let readyBefore = useStore.getState().workerState === 'ready';
  const unsubRestart = useStore.subscribe((s, prev) => {
    if (s.workerState !== 'ready' || prev.workerState === 'ready') return;
    // a worker ready for the second time is a new one, without the files
    const respawned = readyBefore;
    readyBefore = true;
    if (!respawned || !kept) return;
    const files = kept;
    const csv = s.csv;
    if (files.kind === 'csv') return loadCsv(files.file, csv ? { label: csv.label, task: csv.task } : undefined);
    void Promise.all([files.images.arrayBuffer(), files.labels.arrayBuffer()]).then(([images, labels]) => loadIdx(files, images, labels));
  });
  return () => {
    unsubLoaded();
    unsubRestart();
  };
}

/** The IDX pairs sent to the worker, by the name it gives the data (the fastai script names both files). */
const idxPairs = new Map<string, { images: string; labels: string }>();

export function idxFilesOf(name: string | null): { images: string; labels: string } | null {
  return (name !== null && idxPairs.get(name)) || null;
}

function loadIdx(files: { images: File; labels: File }, images: ArrayBuffer, labels: ArrayBuffer): void {
  const name = `${files.images.name} + ${files.labels.name}`;
  idxPairs.set(name, { images: files.images.name, labels: files.labels.name });
  sent = { kind: 'idx', ...files };
  post({ type: 'load-idx', name, images, labels }, [images, labels]);
}

/** One CSV file, or an IDX images file and its labels file (either order). */
export async function loadFiles(files: readonly File[]): Promise<void> {
  if (files.length === 0) return;
  const names = files.map((f) => f.name).join(' + ');
  for (const f of files) {
    const tooBig = fileSizeProblem(f.size, f.name);
    if (tooBig) return refuse(f.name, tooBig);
  }
  if (files.length > 2) return refuse(names, 'Drop one CSV file, or two IDX files (images and labels)');
  if (!mayChangeSetup('dataset')) return;
  if (files.length === 1) {
    const f = files[0];
    // only the first bytes are read here: the worker streams the file
    const head = await f.slice(0, 8).arrayBuffer();
    const role = idxRole(head, f.name);
    if (role || IDX_NAME.test(f.name)) return refuse(f.name, loneIdxProblem(role));
    return loadCsv(f);
  }
  const [a, b] = await Promise.all(files.map((f) => f.arrayBuffer()));
  const aIsImages = firstIsImages({ bytes: a, name: files[0].name }, { bytes: b, name: files[1].name });
  const [images, labels] = aIsImages ? [a, b] : [b, a];
  loadIdx(aIsImages ? { images: files[0], labels: files[1] } : { images: files[1], labels: files[0] }, images, labels);
}

/** Parses the loaded CSV again with another label column / task (asks first while a run trains). */
export function relabelCsv(label: string, task: CsvTask): void {
  if (!mayChangeSetup('label column')) return;
  post({ type: 'csv-label', label, task });
}

/** Names IDX files go by: .idx, .idx3, .idx3-ubyte, .ubyte, and their .gz downloads. */
const IDX_NAME = /\.(idx\d?(-ubyte)?|ubyte)(\.gz)?$|[.-]ubyte(\.gz)?$|\.gz$/i;

function loneIdxProblem(role: 'images' | 'labels' | null): string {
  if (role === 'images') return 'IDX images need their labels file too; pick both files together';
  if (role === 'labels') return 'IDX labels need their images file too; pick both files together';
  return 'IDX data needs two files, the images and the labels; pick both files together';
}

/** What an IDX file is by its magic number, else (gzip, or a wrong magic number) by its name; null when neither tells. */
function idxRole(bytes: ArrayBuffer, name: string): 'images' | 'labels' | null {
  const magic = bytes.byteLength >= 4 ? new DataView(bytes).getUint32(0) : -1;
  if (magic === IDX_IMAGES_MAGIC) return 'images';
  if (magic === IDX_LABELS_MAGIC) return 'labels';
  const gzip = bytes.byteLength >= 2 && new Uint8Array(bytes)[0] === GZIP_MAGIC[0] && new Uint8Array(bytes)[1] === GZIP_MAGIC[1];
  if (gzip || IDX_NAME.test(name)) {
    if (/label|idx1/i.test(name)) return 'labels';
    if (/image|idx3/i.test(name)) return 'images';
  }
  return null;
}

/**
 * Which of two IDX files holds the images: a file whose magic number says so decides first (so a
 * damaged file is still called what it is meant to be, and its message names it), then the names,
 * then the size (images are hundreds of times larger than their labels).
 */
function firstIsImages(a: { bytes: ArrayBuffer; name: string }, b: { bytes: ArrayBuffer; name: string }): boolean {
  const magicOf = (x: { bytes: ArrayBuffer }) => (x.bytes.byteLength >= 4 ? new DataView(x.bytes).getUint32(0) : -1);
  const [ma, mb] = [magicOf(a), magicOf(b)];
  if (ma === IDX_IMAGES_MAGIC || mb === IDX_LABELS_MAGIC) return true;
  if (mb === IDX_IMAGES_MAGIC || ma === IDX_LABELS_MAGIC) return false;
  const [ra, rb] = [idxRole(a.bytes, a.name), idxRole(b.bytes, b.name)];
  if (ra === 'images' || rb === 'labels') return ra !== 'labels';
  if (rb === 'images' || ra === 'labels') return false;
  return a.bytes.byteLength >= b.bytes.byteLength;
}

/** Files dropped anywhere on the page are loaded; true while something is dragged over it. */
export function useFileDrop(): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(false);
      void loadFiles(Array.from(e.dataTransfer?.files ?? []));
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return dragging;
}
