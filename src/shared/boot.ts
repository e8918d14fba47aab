import type { AgendaInfo, PartnerQuery, SidebarHome } from './contract';
import { NO_FILTERS } from './partner-filter';

/** What the Sheets sidebar page carries when it is served: its first screen's data, or why there is none. */
export type SidebarBoot =
  | { readonly home: SidebarHome; readonly error?: undefined }
  | { readonly error: string; readonly home?: undefined };

/** What the Docs sidebar page carries: the agenda's gathering, or why it has none. */
export type DocsBoot =
  | { readonly info: AgendaInfo; readonly error?: undefined }
  | { readonly error: string; readonly info?: undefined };

/** The directory page the sidebar opens with: no filters, the first partners by name. */
export const FIRST_PAGE: PartnerQuery = { ...NO_FILTERS, offset: 0, limit: 100 };
