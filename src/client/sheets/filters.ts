// The directory's filters as the person left them; the server filters and pages (src/shared/partner-filter.ts).
export { NO_FILTERS, type Filters } from '../../shared/partner-filter';
