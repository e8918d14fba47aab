// OAuth scopes of every counted call: for each service and key exactly as CallLog.record receives them
// ('SpreadsheetApp' + 'Range.getValues', 'MailApp' + 'sendEmail', 'Ui' + 'showSidebar'), the
// scopes the method's Apps Script reference page lists under "Authorization" (any one of them suffices,
// in the page's order). An empty list: the page lists none. A call with no entry at all is a developer
// error (see checkScopes), so every faked method gets looked up here before it can run.
//
// Pages are under https://developers.google.com/apps-script/reference/ and named once per type below.
// Where a page lists no Authorization for some methods of an otherwise scoped class, they are listed
// apart as NONE: that is the page, not an oversight (e.g. Sheet.newChart, Spreadsheet.getSheets,
// SpreadsheetApp.getUi, Ui.alert). Only what the add-on calls is faked, so only that is listed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const AUTH = 'https://www.googleapis.com/auth/';

/** Scopes any one of which a method needs; empty when its page lists none. */
export type Scopes = readonly string[];

const NONE: Scopes = [];
const SHEETS_CURRENT: Scopes = [`${AUTH}spreadsheets.currentonly`, `${AUTH}spreadsheets`];
const SHEETS: Scopes = [`${AUTH}spreadsheets`];
const DOCS_CURRENT: Scopes = [`${AUTH}documents.currentonly`, `${AUTH}documents`];
const DOCS: Scopes = [`${AUTH}documents`];
const FORMS_CURRENT: Scopes = [`${AUTH}forms.currentonly`, `${AUTH}forms`];
const FORMS: Scopes = [`${AUTH}forms`];
// Calendar pages also accept the legacy feed scope.
const CALENDAR_READ: Scopes = [
  `${AUTH}calendar`,
  `${AUTH}calendar.readonly`,
  'https://www.google.com/calendar/feeds',
];
const CALENDAR: Scopes = [`${AUTH}calendar`, 'https://www.google.com/calendar/feeds'];
const CONTAINER_UI: Scopes = [`${AUTH}script.container.ui`];
const SEND_MAIL: Scopes = [`${AUTH}script.send_mail`];
const SCRIPTAPP: Scopes = [`${AUTH}script.scriptapp`];
const USERINFO_EMAIL: Scopes = [`${AUTH}userinfo.email`];

type Methods = Record<string, Scopes>;

/** `scopes` for each space-separated method name, then the exceptions. */
function methods(scopes: Scopes, names: string, exceptions: Methods = {}): Methods {
  const out: Methods = {};
  for (const name of names.split(/\s+/).filter(Boolean)) out[name] = scopes;
  for (const [name, s] of Object.entries(exceptions)) {
    if (name in out) throw new Error(`scopes.ts: ${name} listed twice`);
    out[name] = s;
  }
  return out;
}

const none = (names: string): Methods => methods(NONE, names);

// Document element classes share Element's and ContainerElement's methods; their pages list
// documents.currentonly or documents for each, except clear() and editAsText(), which list none.
const ELEMENT = 'asListItem asParagraph asTable asText copy getParent getType removeFromParent';
const CONTAINER = `${ELEMENT} findText getChild getChildIndex getNumChildren getText replaceText`;
const CONTAINER_NONE = { clear: NONE, editAsText: NONE };
const PARAGRAPH = `${CONTAINER} setLinkUrl setText`;
const BLOCKS = `${CONTAINER} appendHorizontalRule appendListItem appendParagraph appendTable getTables insertImage insertTable`;

// Form items: Item's methods, plus what each question type adds (forms/<type>-item pages).
const ITEM = 'getTitle getType setHelpText setTitle';
const QUESTION = `${ITEM} setRequired`;

// Chart builders: EmbeddedChartBuilder's methods, on it and on the bar chart builder; none of these
// pages lists an Authorization.
const CHART_BUILDER =
  'addRange asBarChart build setChartType setNumHeaders setOption setPosition setTransposeRowsAndColumns';

/** service -> type ('' for the service object itself) -> method -> scopes. */
const TABLE: Record<string, Record<string, Methods>> = {
  SpreadsheetApp: {
    // spreadsheet/spreadsheet-app
    '': methods(SHEETS_CURRENT, 'getActiveSpreadsheet', {
      openById: SHEETS,
      ...none('getUi flush newConditionalFormatRule newDataValidation'),
    }),
    // spreadsheet/spreadsheet
    Spreadsheet: methods(
      SHEETS_CURRENT,
      'deleteSheet getName getSpreadsheetTimeZone getUrl insertSheet moveActiveSheet setActiveSheet',
      none('getActiveSheet getId getSheetById getSheetByName getSheets'),
    ),
    // spreadsheet/sheet
    Sheet: methods(
      SHEETS_CURRENT,
      'clearContents deleteRows getCharts getConditionalFormatRules getDataRange getFormUrl getFrozenRows ' +
        'getLastColumn getLastRow getMaxColumns getMaxRows getName getParent getRange getSheetId getSheetValues ' +
        'insertChart insertColumnsAfter insertRowsAfter removeChart setConditionalFormatRules setFrozenRows',
      none('activate newChart'),
    ),
    // spreadsheet/range
    Range: methods(
      SHEETS_CURRENT,
      'getSheet getValues protect setBackground setDataValidations setFontWeight setNumberFormat ' +
        'setNumberFormats setValues',
    ),
    // spreadsheet/protection
    Protection: methods(SHEETS_CURRENT, 'setDescription setWarningOnly'),
    // spreadsheet/conditional-format-rule, -rule-builder, boolean-condition: no Authorization listed.
    ConditionalFormatRule: none('getBooleanCondition'),
    ConditionalFormatRuleBuilder: none('build setBackground setRanges whenFormulaSatisfied'),
    BooleanCondition: none('getCriteriaValues'),
    // spreadsheet/data-validation-builder: no Authorization listed.
    DataValidationBuilder: none(
      'build requireCheckbox requireDate requireTextIsEmail requireValueInList setAllowInvalid setHelpText',
    ),
    // spreadsheet/embedded-chart-builder, embedded-bar-chart-builder.
    // spreadsheet/embedded-chart
    EmbeddedChart: none('getAs'),
    EmbeddedChartBuilder: none(CHART_BUILDER),
    EmbeddedBarChartBuilder: none(`${CHART_BUILDER} setTitle`),
  },

  Ui: {
    // base/ui: the sidebar lists script.container.ui; alert and createAddonMenu list none.
    '': methods(CONTAINER_UI, 'showSidebar', none('alert createAddonMenu')),
    // base/menu
    Menu: none('addItem addSeparator addToUi'),
  },

  DocumentApp: {
    // document/document-app
    '': methods(DOCS, 'create openById openByUrl', { getActiveDocument: DOCS_CURRENT, getUi: NONE }),
    // document/document
    Document: methods(DOCS_CURRENT, 'getBody getCursor getId getName getUrl saveAndClose setName'),
    // document/body, paragraph, list-item, table, table-row, table-cell, text, horizontal-rule, page-break
    Body: methods(DOCS_CURRENT, BLOCKS, CONTAINER_NONE),
    TableCell: methods(DOCS_CURRENT, BLOCKS, CONTAINER_NONE),
    Paragraph: methods(DOCS_CURRENT, PARAGRAPH, CONTAINER_NONE),
    ListItem: methods(DOCS_CURRENT, PARAGRAPH, CONTAINER_NONE),
    Table: methods(DOCS_CURRENT, `${CONTAINER} getCell getNumRows getRow`, CONTAINER_NONE),
    TableRow: methods(DOCS_CURRENT, `${CONTAINER} getNumCells`, CONTAINER_NONE),
    Text: methods(DOCS_CURRENT, `${ELEMENT} deleteText getLinkUrl getText setBold`),
    HorizontalRule: methods(DOCS_CURRENT, ELEMENT),
    // document/inline-image
    InlineImage: methods(DOCS_CURRENT, `${ELEMENT} getHeight getWidth setAltTitle setHeight setWidth`),
    PageBreak: methods(DOCS_CURRENT, ELEMENT),
    // document/range-element
    RangeElement: methods(DOCS_CURRENT, 'getElement getEndOffsetInclusive getStartOffset'),
    // document/position
    Position: none('getElement'),
  },

  CalendarApp: {
    // calendar/calendar-app
    '': methods(CALENDAR_READ, 'getAllOwnedCalendars getCalendarById getDefaultCalendar', {
      createCalendar: CALENDAR,
    }),
    // calendar/calendar
    Calendar: methods(CALENDAR_READ, 'getEventById getId getName', { deleteCalendar: CALENDAR }),
    // calendar/calendar-event
    CalendarEvent: methods(CALENDAR_READ, 'getGuestList', { deleteEvent: CALENDAR }),
    // calendar/event-guest
    EventGuest: methods(CALENDAR_READ, 'getEmail'),
  },

  FormApp: {
    // forms/form-app
    '': methods(FORMS, 'create openById', { createTextValidation: NONE }),
    // forms/form
    Form: methods(
      FORMS_CURRENT,
      'addCheckboxItem addMultipleChoiceItem addParagraphTextItem addScaleItem addTextItem createResponse getEditUrl getId ' +
        'getItems getPublishedUrl getResponses isAcceptingResponses isPublished requiresLogin setAcceptingResponses ' +
        'setCollectEmail setDescription setDestination setPublished',
    ),
    // forms/form-response, item-response
    FormResponse: methods(
      FORMS_CURRENT,
      'getId getItemResponses getTimestamp submit toPrefilledUrl withItemResponse',
    ),
    ItemResponse: methods(FORMS_CURRENT, 'getItem getResponse'),
    // forms/item and the <type>-item pages
    Item: methods(FORMS_CURRENT, `${ITEM} asTextItem`),
    TextItem: methods(FORMS_CURRENT, `${QUESTION} createResponse setValidation`),
    ParagraphTextItem: methods(FORMS_CURRENT, `${QUESTION} createResponse`),
    ScaleItem: methods(FORMS_CURRENT, `${QUESTION} setBounds setLabels`),
    CheckboxItem: methods(FORMS_CURRENT, `${QUESTION} createResponse setChoiceValues`),
    MultipleChoiceItem: methods(FORMS_CURRENT, `${QUESTION} createResponse setChoiceValues`),
    // forms/text-validation-builder: no Authorization listed.
    TextValidationBuilder: none('build requireNumber'),
  },

  // mail/mail-app
  MailApp: { '': methods(SEND_MAIL, 'getRemainingDailyQuota sendEmail') },

  ScriptApp: {
    // script/script-app
    '': methods(SCRIPTAPP, 'deleteTrigger getProjectTriggers newTrigger'),
    // script/trigger
    Trigger: methods(SCRIPTAPP, 'getHandlerFunction getTriggerSourceId'),
    // script/trigger-builder: forSpreadsheet() lists the spreadsheet scopes; timeBased() script.scriptapp.
    TriggerBuilder: { forSpreadsheet: SHEETS_CURRENT, timeBased: SCRIPTAPP },
    // script/clock-trigger-builder, spreadsheet-trigger-builder: no Authorization listed.
    ClockTriggerBuilder: none('after atHour create everyDays'),
    SpreadsheetTriggerBuilder: none('create onFormSubmit'),
  },

  Session: {
    // base/session: getActiveUser() lists userinfo.email; base/user lists none.
    '': methods(USERINFO_EMAIL, 'getActiveUser'),
    User: none('getEmail'),
  },

  // html/html-service, html-output, html-template: no Authorization listed.
  HtmlService: {
    '': none('createTemplateFromFile'),
    HtmlOutput: none('setTitle'),
    HtmlTemplate: none('evaluate'),
  },

  // lock/lock-service, lock/lock: no Authorization listed.
  LockService: {
    '': none('getDocumentLock getUserLock'),
    Lock: none('releaseLock tryLock'),
  },

  // properties/properties-service, properties/properties: no Authorization listed.
  PropertiesService: {
    '': none('getDocumentProperties getUserProperties'),
    Properties: none('deleteProperty getProperties getProperty setProperties setProperty'),
  },

  // utilities/utilities: no Authorization listed.
  Utilities: { '': none('formatDate getUuid newBlob sleep') },

  // ---------------------------------------------------------------------------------------------------
  // Advanced services (globals `Drive`, `Calendar` and `Sheets`, recorded under their names, keys such
  // as 'Files.get', 'Events.patch' and 'Spreadsheets.batchUpdate'). Their entries belong to the engineers faking them: add each
  // method with the scopes its REST reference page lists under "Authorization scopes", naming the page.
  // ---------------------------------------------------------------------------------------------------
  // workspace/drive/api/reference/rest/v3/files/create, get, list and update ("Authorization
  // scopes"; the same lists as the v3 discovery document)
  Drive: {
    Files: {
      create: [`${AUTH}drive`, `${AUTH}drive.appdata`, `${AUTH}drive.file`],
      get: [
        `${AUTH}drive`,
        `${AUTH}drive.appdata`,
        `${AUTH}drive.file`,
        `${AUTH}drive.meet.readonly`,
        `${AUTH}drive.metadata`,
        `${AUTH}drive.metadata.readonly`,
        `${AUTH}drive.photos.readonly`,
        `${AUTH}drive.readonly`,
      ],
      update: [
        `${AUTH}drive`,
        `${AUTH}drive.appdata`,
        `${AUTH}drive.file`,
        `${AUTH}drive.metadata`,
        `${AUTH}drive.scripts`,
      ],
      list: [
        `${AUTH}drive`,
        `${AUTH}drive.appdata`,
        `${AUTH}drive.file`,
        `${AUTH}drive.meet.readonly`,
        `${AUTH}drive.metadata`,
        `${AUTH}drive.metadata.readonly`,
        `${AUTH}drive.photos.readonly`,
        `${AUTH}drive.readonly`,
      ],
    },
  },
  Sheets: {
    // sheets/api/reference/rest/v4/spreadsheets/batchUpdate ("Authorization scopes"). Under drive.file
    // alone the API would reach only files the add-on made or was given, which the fake does not model:
    // the repository's manifest declares spreadsheets.
    Spreadsheets: {
      batchUpdate: [`${AUTH}drive`, `${AUTH}drive.file`, `${AUTH}spreadsheets`],
      // sheets/api/reference/rest/v4/spreadsheets/get ("Authorization scopes")
      get: [
        `${AUTH}drive`,
        `${AUTH}drive.file`,
        `${AUTH}drive.readonly`,
        `${AUTH}spreadsheets`,
        `${AUTH}spreadsheets.readonly`,
      ],
    },
  },
  Calendar: {
    // calendar/api/v3/reference/events/list and events/patch ("Authorization scopes")
    Events: {
      list: [
        `${AUTH}calendar.readonly`,
        `${AUTH}calendar`,
        `${AUTH}calendar.events.readonly`,
        `${AUTH}calendar.events`,
      ],
      patch: [
        `${AUTH}calendar`,
        `${AUTH}calendar.events`,
        `${AUTH}calendar.app.created`,
        `${AUTH}calendar.events.owned`,
      ],
      // calendar/api/v3/reference/events/insert ("Authorization scopes")
      insert: [
        `${AUTH}calendar`,
        `${AUTH}calendar.events`,
        `${AUTH}calendar.app.created`,
        `${AUTH}calendar.events.owned`,
      ],
    },
  },
};

/**
 * The scopes a counted call needs, or undefined when the table has no entry for it.
 * `key` is 'Type.method' for a method on a returned object, 'method' for one on the service itself.
 */
export function requiredScopes(service: string, key: string): Scopes | undefined {
  const dot = key.indexOf('.');
  const type = dot < 0 ? '' : key.slice(0, dot);
  const method = dot < 0 ? key : key.slice(dot + 1);
  const byType = TABLE[service]?.[type];
  return byType && Object.prototype.hasOwnProperty.call(byType, method) ? byType[method] : undefined;
}

/** Every entry as ['<service>.<key>', scopes], for tests. */
export function scopeTable(): Array<[string, Scopes]> {
  const out: Array<[string, Scopes]> = [];
  for (const [service, types] of Object.entries(TABLE)) {
    for (const [type, byMethod] of Object.entries(types)) {
      for (const [method, scopes] of Object.entries(byMethod)) {
        out.push([`${service}.${type === '' ? '' : `${type}.`}${method}`, scopes]);
      }
    }
  }
  return out;
}

/**
 * How Apps Script names the method in its permission error: the service for a method on the service
 * object ('MailApp.sendEmail', 'SpreadsheetApp.openById'), the class for one on a returned object
 * ('Ui.showSidebar', 'Range.getValues').
 */
function calledName(service: string, key: string): string {
  return key.includes('.') ? key : `${service}.${key}`;
}

/**
 * Apps Script's refusal when the manifest's explicit oauthScopes (concepts/scopes, "Set explicit scopes")
 * hold none of the method's scopes, as scripts report it: "Specified permissions are not sufficient to
 * call DriveApp.createFolder. Required permissions: https://www.googleapis.com/auth/drive", several
 * scopes as "(A || B)" in the reference page's order. ("You do not have permission to call …" is the
 * other text: scopes declared but not granted by the user, which the in-memory Workspace doesn't model.)
 */
export function permissionMessage(service: string, key: string, required: Scopes): string {
  const list = required.length === 1 ? required[0] : `(${required.join(' || ')})`;
  return `Specified permissions are not sufficient to call ${calledName(service, key)}. Required permissions: ${list}`;
}

/**
 * Throws `makeError(permission message)` when none of the call's scopes is declared, and a plain
 * developer error when the table has no entry for the call.
 */
export function checkScopes(
  declared: ReadonlySet<string>,
  service: string,
  key: string,
  makeError: (message: string) => Error,
): void {
  const required = requiredScopes(service, key);
  if (required === undefined) {
    throw new Error(
      `in-memory Workspace: no scope entry for ${service}.${key}; add it to dev/workspace/scopes.ts`,
    );
  }
  if (required.length > 0 && !required.some((s) => declared.has(s))) {
    throw makeError(permissionMessage(service, key, required));
  }
}

/** The oauthScopes an appsscript.json declares (concepts/manifests: the explicit list replaces detection). */
export function manifestScopes(file: string): string[] {
  const manifest: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  const scopes =
    manifest !== null && typeof manifest === 'object' && 'oauthScopes' in manifest
      ? manifest.oauthScopes
      : undefined;
  if (!Array.isArray(scopes) || !scopes.every((s): s is string => typeof s === 'string')) {
    throw new Error(`in-memory Workspace: ${file} has no oauthScopes list`);
  }
  return scopes;
}

/** The oauthScopes of the repository's appsscript.json, found from this file's location (not the cwd). */
export function repositoryScopes(): string[] {
  // __dirname under jest (CommonJS); the bundle's own URL when dev/run.mjs runs it as an ES module.
  const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'appsscript.json');
    if (fs.existsSync(file) && fs.existsSync(path.join(dir, 'package.json'))) return manifestScopes(file);
    if (path.dirname(dir) === dir) throw new Error(`in-memory Workspace: no appsscript.json above ${here}`);
  }
}
