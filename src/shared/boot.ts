import type { AgendaInfo, Directory } from './contract';

/** What the Sheets sidebar page carries when it is served: its first data, or why there is none. */
export type SidebarBoot =
  | { readonly directory: Directory; readonly error?: undefined }
  | { readonly error: string; readonly directory?: undefined };

/** What the Docs sidebar page carries: the agenda's gathering, or why it has none. */
export type DocsBoot =
  | { readonly info: AgendaInfo; readonly error?: undefined }
  | { readonly error: string; readonly info?: undefined };
