// The school's Partner Hub settings, kept in the spreadsheet's document properties (shared by everyone
// who uses the add-on in this spreadsheet).
import type { Settings } from '../../shared/contract';

const KEY = 'partnerHub.settings';

export function readSettings(properties: GoogleAppsScript.Properties.Properties): Settings {
  const raw = properties.getProperty(KEY);
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' ? (parsed as Settings) : {};
  } catch {
    return {};
  }
}

export function writeSettings(
  properties: GoogleAppsScript.Properties.Properties,
  settings: Settings,
): Settings {
  properties.setProperty(KEY, JSON.stringify(settings));
  return settings;
}
