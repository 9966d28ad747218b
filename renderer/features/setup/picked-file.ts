import { base64Of } from './wizard-pages.ts';

export interface PickedFile {
  name: string;
  size: number;
  base64: string;
  sha256: string;
}

/** A file from the page's picker, read whole: its bytes for `setup.plan` and its SHA-256 to show at once. */
export async function pickedFile(file: File): Promise<PickedFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return { name: file.name, size: file.size, base64: base64Of(bytes), sha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join('') };
}
