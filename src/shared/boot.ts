import type { Directory } from './contract';

/** What the Sheets sidebar page carries when it is served: its first data, or why there is none. */
export type SidebarBoot =
  | { readonly directory: Directory; readonly error?: undefined }
  | { readonly error: string; readonly directory?: undefined };
