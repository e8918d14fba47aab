// OAuth scopes of every counted call: for each service and key exactly as CallLog.record receives them
// ('SpreadsheetApp' + 'Range.getValues', 'DriveApp' + 'getFileById', 'Session' + 'getActiveUser'), the
// scopes the method's Apps Script reference page lists under "Authorization" (any one of them suffices,
// in the page's order). An empty list: the page lists none. A call with no entry at all is a developer
// error (see checkScopes), so every faked method gets looked up here before it can run.
//
// Pages are under https://developers.google.com/apps-script/reference/ and named once per type below.
// Where a page lists no Authorization for some methods of an otherwise scoped class, they are listed
// apart as NONE: that is the page, not an oversight (e.g. Range.activate, Spreadsheet.getSheets,
// SpreadsheetApp.getUi, Ui.alert).
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
const DRIVE_READ: Scopes = [`${AUTH}drive.readonly`, `${AUTH}drive`];
const DRIVE: Scopes = [`${AUTH}drive`];
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
const ELEMENT =
  'asBody asHorizontalRule asListItem asParagraph asTable asTableCell asTableRow asText copy getAttributes ' +
  'getNextSibling getParent getPreviousSibling getType isAtDocumentEnd removeFromParent setAttributes';
const CONTAINER = `${ELEMENT} findElement findText getChild getChildIndex getNumChildren getText replaceText`;
const CONTAINER_NONE = { clear: NONE, editAsText: NONE };
const PARAGRAPH =
  `${CONTAINER} appendHorizontalRule appendPageBreak appendText getAlignment getHeading getLinkUrl insertText ` +
  'setAlignment setHeading setLineSpacing setLinkUrl setSpacingAfter setSpacingBefore setText';
const BLOCKS =
  `${CONTAINER} appendHorizontalRule appendImage appendListItem appendPageBreak appendParagraph appendTable ` +
  'getListItems getParagraphs getTables insertHorizontalRule insertImage insertListItem insertParagraph ' +
  'insertTable removeChild setText';

// Form items: Item's methods, plus what each question type adds (forms/<type>-item pages).
const ITEM = 'getHelpText getId getIndex getTitle getType setHelpText setTitle';
const QUESTION = `${ITEM} createResponse isRequired setRequired`;
const CHOICES = `${QUESTION} createChoice getChoices setChoiceValues setChoices`;

// Chart builders: EmbeddedChartBuilder's methods on every builder; the area, bar, column, line and
// scatter builders add the axis methods; none of these pages lists an Authorization.
const CHART_BUILDER =
  'addRange asAreaChart asBarChart asColumnChart asLineChart asPieChart asScatterChart asTableChart build ' +
  'clearRanges getChartType getContainer getRanges removeRange setChartType setHiddenDimensionStrategy ' +
  'setMergeStrategy setNumHeaders setOption setPosition setTransposeRowsAndColumns';
const AXIS_CHART_BUILDER = `${CHART_BUILDER} setBackgroundColor setColors setLegendPosition setRange setStacked setTitle setXAxisTitle setYAxisTitle useLogScale`;

/** service -> type ('' for the service object itself) -> method -> scopes. */
const TABLE: Record<string, Record<string, Methods>> = {
  SpreadsheetApp: {
    // spreadsheet/spreadsheet-app
    '': methods(SHEETS_CURRENT, 'getActive getActiveSpreadsheet getActiveSheet getActiveRange', {
      ...methods(SHEETS, 'create openById openByUrl'),
      ...none('getUi flush newConditionalFormatRule newDataValidation'),
    }),
    // spreadsheet/spreadsheet
    Spreadsheet: methods(
      SHEETS_CURRENT,
      'deleteSheet getActiveRange getName getRange getSpreadsheetLocale getSpreadsheetTimeZone getUrl ' +
        'insertSheet moveActiveSheet rename setActiveRange setActiveSheet setSpreadsheetTimeZone toast',
      none('getActiveSheet getId getNumSheets getSheetById getSheetByName getSheets'),
    ),
    // spreadsheet/sheet
    Sheet: methods(
      SHEETS_CURRENT,
      'appendRow autoResizeColumn autoResizeColumns clear clearContents clearFormats deleteColumn deleteColumns ' +
        'deleteRow deleteRows getCharts getColumnWidth getConditionalFormatRules getDataRange getFormUrl ' +
        'getFrozenColumns getFrozenRows getIndex getLastColumn getLastRow getMaxColumns getMaxRows getName ' +
        'getParent getProtections getRange getSheetId getSheetName getSheetValues getTabColor hideSheet insertChart ' +
        'insertColumnAfter insertColumnBefore insertColumns insertColumnsAfter insertColumnsBefore ' +
        'insertRowAfter insertRowBefore insertRows insertRowsAfter insertRowsBefore isSheetHidden protect ' +
        'removeChart setColumnWidth setColumnWidths setConditionalFormatRules setFrozenColumns setFrozenRows ' +
        'setName setRowHeight setTabColor showSheet sort updateChart',
      none('activate newChart'),
    ),
    // spreadsheet/range
    Range: methods(
      SHEETS_CURRENT,
      'clear clearContent clearDataValidations clearFormat clearNote getA1Notation getBackground getBackgrounds ' +
        'getCell getColumn getDataValidation getDataValidations getDisplayValue getDisplayValues getFontColor ' +
        'getFontColors getFontStyles getFontWeight getFontWeights getFormula getFormulas getGridId ' +
        'getHorizontalAlignments getLastColumn getLastRow getNote getNotes getNumColumns getNumRows ' +
        'getNumberFormat getNumberFormats getRow getRowIndex getSheet getValue getValues getWrap getWraps ' +
        'insertCheckboxes isBlank protect setBackground setBackgrounds setDataValidation setDataValidations ' +
        'setFontColor setFontFamily setFontSize setFontStyle setFontWeight setFontWeights setFormula setFormulas ' +
        'setHorizontalAlignment setNote setNotes setNumberFormat setNumberFormats setValue setValues ' +
        'setVerticalAlignment setWrap sort',
      none('activate offset'),
    ),
    // spreadsheet/protection
    Protection: methods(
      SHEETS_CURRENT,
      'addEditor addEditors canDomainEdit canEdit getDescription getEditors getProtectionType isWarningOnly ' +
        'remove removeEditors setDescription setDomainEdit setWarningOnly',
    ),
    // spreadsheet/conditional-format-rule, -rule-builder, boolean-condition: no Authorization listed.
    ConditionalFormatRule: none('copy getBooleanCondition getGradientCondition getRanges'),
    ConditionalFormatRuleBuilder: none(
      'build getRanges setBackground setBold setFontColor setItalic setRanges setStrikethrough setUnderline ' +
        'whenCellEmpty whenCellNotEmpty whenDateAfter whenDateBefore whenDateEqualTo whenFormulaSatisfied ' +
        'whenNumberBetween whenNumberEqualTo whenNumberGreaterThan whenNumberLessThan whenTextContains ' +
        'whenTextDoesNotContain whenTextEndsWith whenTextEqualTo whenTextStartsWith',
    ),
    BooleanCondition: none(
      'getBackground getBold getCriteriaType getCriteriaValues getFontColor getItalic getStrikethrough getUnderline',
    ),
    // spreadsheet/data-validation, data-validation-builder: no Authorization listed.
    DataValidation: none('copy getAllowInvalid getCriteriaType getCriteriaValues getHelpText'),
    DataValidationBuilder: none(
      'build copy getAllowInvalid getCriteriaType getCriteriaValues getHelpText requireCheckbox requireDate ' +
        'requireDateAfter requireDateBefore requireFormulaSatisfied requireNumberBetween ' +
        'requireNumberGreaterThanOrEqualTo requireTextContains requireTextIsEmail requireTextIsUrl ' +
        'requireValueInList setAllowInvalid setHelpText withCriteria',
    ),
    // spreadsheet/embedded-chart, container-info, charts/chart-options, the embedded-*-chart-builder pages.
    EmbeddedChart: none(
      'getAs getBlob getChartId getContainerInfo getHiddenDimensionStrategy getMergeStrategy getNumHeaders ' +
        'getOptions getRanges getTransposeRowsAndColumns modify',
    ),
    ContainerInfo: none('getAnchorColumn getAnchorRow getOffsetX getOffsetY'),
    ChartOptions: none('get'),
    EmbeddedChartBuilder: none(CHART_BUILDER),
    EmbeddedTableChartBuilder: none(CHART_BUILDER),
    EmbeddedPieChartBuilder: none(
      `${CHART_BUILDER} set3D setBackgroundColor setColors setLegendPosition setTitle`,
    ),
    EmbeddedAreaChartBuilder: none(AXIS_CHART_BUILDER),
    EmbeddedBarChartBuilder: none(AXIS_CHART_BUILDER),
    EmbeddedColumnChartBuilder: none(AXIS_CHART_BUILDER),
    EmbeddedLineChartBuilder: none(AXIS_CHART_BUILDER),
    EmbeddedScatterChartBuilder: none(AXIS_CHART_BUILDER),
  },

  Ui: {
    // base/ui: only the dialogs and the sidebar list script.container.ui.
    '': methods(CONTAINER_UI, 'showModalDialog showModelessDialog showSidebar', {
      ...none('alert createAddonMenu createMenu prompt'),
    }),
    // base/menu, base/prompt-response
    Menu: none('addItem addSeparator addSubMenu addToUi'),
    PromptResponse: none('getResponseText getSelectedButton'),
  },

  DocumentApp: {
    // document/document-app
    '': methods(DOCS, 'create openById openByUrl', { getActiveDocument: DOCS_CURRENT, getUi: NONE }),
    // document/document
    Document: methods(
      DOCS_CURRENT,
      'addEditor getBody getCursor getEditors getFooter getHeader getId getName getSelection getUrl newPosition ' +
        'saveAndClose setCursor setName',
    ),
    // document/body, paragraph, list-item, table, table-row, table-cell, text, horizontal-rule, page-break
    Body: methods(DOCS_CURRENT, BLOCKS, CONTAINER_NONE),
    TableCell: methods(
      DOCS_CURRENT,
      `${BLOCKS} getBackgroundColor getColSpan getColumnIndex getParentRow getParentTable getRowIndex getRowSpan ` +
        'getWidth setBackgroundColor setWidth',
      CONTAINER_NONE,
    ),
    Paragraph: methods(DOCS_CURRENT, PARAGRAPH, CONTAINER_NONE),
    ListItem: methods(
      DOCS_CURRENT,
      `${PARAGRAPH} getGlyphType getListId getNestingLevel setGlyphType setListId setNestingLevel`,
      CONTAINER_NONE,
    ),
    Table: methods(
      DOCS_CURRENT,
      `${CONTAINER} appendTableRow getBorderColor getBorderWidth getCell getColumnWidth getNumRows getRow ` +
        'insertTableRow removeRow setBorderColor setBorderWidth setColumnWidth',
      CONTAINER_NONE,
    ),
    TableRow: methods(
      DOCS_CURRENT,
      `${CONTAINER} appendTableCell getCell getNumCells getParentTable insertTableCell removeCell setMinimumHeight`,
      CONTAINER_NONE,
    ),
    Text: methods(
      DOCS_CURRENT,
      `${ELEMENT} appendText deleteText findText getLinkUrl getText insertText isBold isItalic isUnderline ` +
        'replaceText setBold setItalic setLinkUrl setText setUnderline',
    ),
    HorizontalRule: methods(DOCS_CURRENT, ELEMENT),
    // document/inline-image
    InlineImage: methods(
      DOCS_CURRENT,
      `${ELEMENT} getAltTitle getBlob getHeight getWidth setAltTitle setHeight setWidth`,
    ),
    PageBreak: methods(DOCS_CURRENT, ELEMENT),
    // document/range-element
    RangeElement: methods(DOCS_CURRENT, 'getElement getEndOffsetInclusive getStartOffset isPartial'),
    // document/position
    Position: methods(DOCS_CURRENT, 'getOffset getSurroundingText getSurroundingTextOffset insertText', {
      getElement: NONE,
    }),
  },

  DriveApp: {
    // drive/drive-app: reads list drive.readonly or drive, changes drive; none lists drive.file.
    '': methods(
      DRIVE_READ,
      'getFileById getFiles getFilesByName getFilesByType getFolderById getFolders getFoldersByName ' +
        'getRootFolder getStorageUsed',
      methods(DRIVE, 'createFile createFolder'),
    ),
    // drive/file
    File: methods(
      DRIVE_READ,
      'getBlob getDateCreated getDescription getEditors getId getLastUpdated getMimeType getName getOwner ' +
        'getParents getSharingAccess getSharingPermission getSize getUrl getViewers isTrashed',
      methods(
        DRIVE,
        'addEditor addEditors addViewer makeCopy moveTo removeEditor setDescription setName setSharing setTrashed',
      ),
    ),
    // drive/folder
    Folder: methods(
      DRIVE_READ,
      'getDateCreated getEditors getFiles getFilesByName getFilesByType getFolders getFoldersByName getId ' +
        'getLastUpdated getName getParents getUrl isTrashed',
      methods(DRIVE, 'addEditor addFile createFile createFolder moveTo removeFile setName setTrashed'),
    ),
    // drive/file-iterator, folder-iterator, user
    FileIterator: none('getContinuationToken hasNext next'),
    FolderIterator: none('getContinuationToken hasNext next'),
    User: none('getEmail getName'),
  },

  CalendarApp: {
    // calendar/calendar-app
    '': methods(
      CALENDAR_READ,
      'getAllCalendars getAllOwnedCalendars getCalendarById getCalendarsByName getDefaultCalendar getEventById ' +
        'getEvents getId getName getOwnedCalendarById getTimeZone',
      methods(CALENDAR, 'createCalendar createEvent'),
    ),
    // calendar/calendar
    Calendar: methods(
      CALENDAR_READ,
      'getEventById getEvents getId getName getTimeZone isMyPrimaryCalendar isOwnedByMe',
      methods(CALENDAR, 'createEvent deleteCalendar setName setTimeZone'),
    ),
    // calendar/calendar-event
    CalendarEvent: methods(
      CALENDAR_READ,
      'getAllTagKeys getDateCreated getDescription getEndTime getGuestByEmail getGuestList getId getLastUpdated ' +
        'getLocation getOriginalCalendarId getStartTime getTag getTitle isAllDayEvent isOwnedByMe isRecurringEvent',
      methods(
        CALENDAR,
        'addGuest deleteEvent deleteTag removeGuest setDescription setLocation setTag setTime setTitle',
      ),
    ),
    // calendar/event-guest
    EventGuest: methods(CALENDAR_READ, 'getAdditionalGuests getEmail getGuestStatus getName'),
  },

  FormApp: {
    // forms/form-app
    '': methods(FORMS, 'create openById openByUrl', {
      getActiveForm: FORMS_CURRENT,
      createTextValidation: NONE,
    }),
    // forms/form
    Form: methods(
      FORMS_CURRENT,
      'addCheckboxItem addListItem addMultipleChoiceItem addPageBreakItem addParagraphTextItem addScaleItem ' +
        'addSectionHeaderItem addTextItem canEditResponse collectsEmail createResponse deleteAllResponses ' +
        'deleteItem getConfirmationMessage getCustomClosedFormMessage getDescription getDestinationId ' +
        'getDestinationType getEditUrl getId getItemById getItems getPublishedUrl getResponse getResponses ' +
        'getTitle hasLimitOneResponsePerUser hasProgressBar hasRespondAgainLink isAcceptingResponses isPublished ' +
        'moveItem removeDestination requiresLogin setAcceptingResponses setAllowResponseEdits setCollectEmail ' +
        'setConfirmationMessage setCustomClosedFormMessage setDescription setDestination ' +
        'setLimitOneResponsePerUser setProgressBar setPublished setRequireLogin setShowLinkToRespondAgain ' +
        'setTitle shortenFormUrl',
    ),
    // forms/form-response, item-response, choice
    FormResponse: methods(
      FORMS_CURRENT,
      'getEditResponseUrl getId getItemResponses getRespondentEmail getResponseForItem getTimestamp submit ' +
        'toPrefilledUrl withItemResponse',
    ),
    ItemResponse: methods(FORMS_CURRENT, 'getItem getResponse'),
    Choice: methods(FORMS_CURRENT, 'getValue isCorrectAnswer'),
    // forms/item and the <type>-item pages
    Item: methods(
      FORMS_CURRENT,
      `${ITEM} asCheckboxItem asListItem asMultipleChoiceItem asPageBreakItem asParagraphTextItem asScaleItem ` +
        'asSectionHeaderItem asTextItem',
    ),
    TextItem: methods(FORMS_CURRENT, `${QUESTION} clearValidation setValidation`),
    ParagraphTextItem: methods(FORMS_CURRENT, QUESTION),
    ScaleItem: methods(
      FORMS_CURRENT,
      `${QUESTION} getLeftLabel getLowerBound getRightLabel getUpperBound setBounds setLabels`,
    ),
    MultipleChoiceItem: methods(FORMS_CURRENT, `${CHOICES} hasOtherOption showOtherOption`),
    CheckboxItem: methods(FORMS_CURRENT, `${CHOICES} hasOtherOption showOtherOption`),
    ListItem: methods(FORMS_CURRENT, CHOICES),
    SectionHeaderItem: methods(FORMS_CURRENT, ITEM),
    PageBreakItem: methods(FORMS_CURRENT, ITEM),
    // forms/text-validation-builder: no Authorization listed.
    TextValidationBuilder: none('build requireNumber requireTextMatchesPattern setHelpText'),
  },

  // mail/mail-app
  MailApp: { '': methods(SEND_MAIL, 'getRemainingDailyQuota sendEmail') },

  ScriptApp: {
    // script/script-app
    '': methods(
      SCRIPTAPP,
      'deleteTrigger getProjectTriggers getUserTriggers newTrigger',
      none('getOAuthToken getScriptId'),
    ),
    // script/trigger
    Trigger: methods(
      SCRIPTAPP,
      'getEventType getHandlerFunction getTriggerSource getTriggerSourceId getUniqueId',
    ),
    // script/trigger-builder: each for*() lists its editor's scopes; timeBased() lists script.scriptapp.
    TriggerBuilder: {
      forDocument: DOCS_CURRENT,
      forForm: FORMS_CURRENT,
      forSpreadsheet: SHEETS_CURRENT,
      timeBased: SCRIPTAPP,
    },
    // script/clock-trigger-builder, spreadsheet-, form-, document-trigger-builder: no Authorization listed.
    ClockTriggerBuilder: none(
      'after at atHour create everyDays everyHours everyMinutes everyWeeks inTimezone nearMinute onWeekDay',
    ),
    SpreadsheetTriggerBuilder: none('create onChange onEdit onFormSubmit onOpen'),
    FormTriggerBuilder: none('create onFormSubmit onOpen'),
    DocumentTriggerBuilder: none('create onOpen'),
  },

  Session: {
    // base/session: getActiveUser() and getEffectiveUser() list userinfo.email; base/user lists none.
    '': methods(USERINFO_EMAIL, 'getActiveUser getEffectiveUser', {
      ...none('getActiveUserLocale getScriptTimeZone getTemporaryActiveUserKey'),
    }),
    User: none('getEmail'),
  },

  // html/html-service, html-output, html-template: no Authorization listed.
  HtmlService: {
    '': none('createHtmlOutput createHtmlOutputFromFile createTemplate createTemplateFromFile getUserAgent'),
    HtmlOutput: none(
      'addMetaTag append appendUntrusted asTemplate clear getContent getHeight getMetaTags getTitle getWidth ' +
        'setContent setFaviconUrl setHeight setSandboxMode setTitle setWidth setXFrameOptionsMode',
    ),
    HtmlTemplate: none('evaluate getCode getRawContent'),
  },

  // lock/lock-service, lock/lock: no Authorization listed.
  LockService: {
    '': none('getDocumentLock getScriptLock getUserLock'),
    Lock: none('hasLock releaseLock tryLock waitLock'),
  },

  // properties/properties-service, properties/properties: no Authorization listed.
  PropertiesService: {
    '': none('getDocumentProperties getScriptProperties getUserProperties'),
    Properties: none(
      'deleteAllProperties deleteProperty getKeys getProperties getProperty setProperties setProperty',
    ),
  },

  // utilities/utilities, base/blob: no Authorization listed.
  Utilities: {
    '': none(
      'base64Decode base64DecodeWebSafe base64Encode base64EncodeWebSafe computeDigest ' +
        'computeHmacSha256Signature formatDate formatString getUuid newBlob sleep',
    ),
    Blob: none('getBytes getContentType getDataAsString getName setContentType setDataFromString setName'),
  },

  // base/logger: no Authorization listed.
  Logger: { '': none('clear getLog log') },

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
 * object ('DriveApp.getFileById', 'Session.getActiveUser'), the class for one on a returned object
 * ('Ui.showModalDialog', 'Range.getValues').
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
