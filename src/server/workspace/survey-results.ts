// A survey's figures: the summary the sidebar shows, and the Survey Summary tab with a Sheets chart.
import type { MadeDoc, SurveyView } from '../../shared/contract';
import type { Survey } from '../../shared/records';
import type { SurveySummary } from '../../shared/survey';
import { REPORT_TABS } from '../../shared/schema';
import { summarize, type Answer } from '../domain/survey-summary';
import { asText } from '../domain/cells';
import { withSheetLock, type Database } from './database';
import { surveyOf } from './surveys';
import { readAnswers } from './survey-answers';
import { CHART_MARKER, surveyReport } from '../domain/survey-report';
import { writeDocument } from './agenda-docs';

/** The survey's figures from its answers: the Surveys view, its messages and the Dashboard read these. */
export function summaryOf(survey: Survey, read: ReturnType<typeof readAnswers>): SurveySummary {
  const { answers, recipients, questions } = read;
  const threshold = survey.threshold === '' ? null : Number(survey.threshold);
  const asAnswers: Answer[] = answers.map((a) => ({
    partnerId: a.partnerId,
    contactId: a.contactId,
    answers: a.values,
  }));
  const invitations = recipients
    .filter((r) => r.status !== 'queued' && r.status !== 'failed')
    .map((r) => ({ partnerId: r.partnerId, contactId: r.contactId }));
  const full = questions.map((q) => ({ ...q, required: false }));
  return summarize(full, invitations, asAnswers, Number.isFinite(threshold) ? threshold : null);
}

export function surveyView(db: Database, surveyId: string): SurveyView {
  const { row } = surveyOf(db, surveyId);
  const read = readAnswers(db, row.record);
  const { flags, recipients } = read;
  const summary = summaryOf(row.record, read);
  const names = new Map(db.read('partners').rows.map((r) => [String(r.record.id), String(r.record.name)]));
  return {
    survey: row,
    summary: {
      ...summary,
      partners: summary.partners.map((p) => ({ ...p, name: names.get(p.partnerId) ?? p.partnerId })),
    },
    flags: flags.map((f) => f.message),
    recipients: recipients.map((r) => ({
      id: r.id,
      partnerId: r.partnerId,
      email: r.email,
      status: r.status,
      sentAt: r.sentAt,
      remindedAt: r.remindedAt,
      respondedAt: r.respondedAt,
      error: r.error,
    })),
  };
}

/** The width of a Letter page inside 1-inch margins, in the pixels an InlineImage is measured in. */
const PAGE_WIDTH = 624;

/**
 * The survey report for the principal, as a Doc in the agendas folder: one Drive import. The partners'
 * names go with their open answers only when the coordinator asks (`names`). When the survey has scale
 * questions, the Survey Summary tab is written for this survey first (so its chart shows these answers,
 * not another survey's or older ones), and that chart goes into the Doc as an image under the scales:
 * one getAs, then the Doc opened once and the image put where the import left its marker.
 */
export function makeSurveyReport(db: Database, surveyId: string, names: boolean): MadeDoc {
  const view = surveyView(db, surveyId);
  const school = db.school()?.name;
  const chart = view.summary.scales.length ? summaryTab(db, view).chart : null;
  // The image is taken before the Doc is made, so a chart Sheets cannot draw leaves no Doc behind.
  const image = chart ? chart.getAs('image/png') : null;
  const report = surveyReport({
    title: view.survey.record.title,
    school: typeof school === 'string' ? school : '',
    summary: view.summary,
    names,
    chart: image !== null,
  });
  const made = writeDocument(db, {
    title: report.title,
    templateKind: 'survey report',
    blocks: report.blocks,
    values: {},
    tables: (name) => report.tables[name],
  });
  const notes = [...made.notes];
  if (image) {
    notes.push(
      `The ${SUMMARY_TAB} tab now shows this survey's figures; its chart is in the report as a picture.`,
    );
    const title = `${view.survey.record.title}: average of each scale (1–5)`;
    if (!placeImage(made.id, CHART_MARKER, image, title))
      notes.push(
        `Google Docs did not take the chart's picture, so the report says to see the ${SUMMARY_TAB} tab instead.`,
      );
  }
  return { url: made.url, unknownPlaceholders: [], notes };
}

/** A regular expression matching `text` exactly (RE2, as findText reads it). */
function literalPattern(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, (c) => `\\${c}`);
}

/**
 * Puts the image where the paragraph holding `marker` is, and takes the marker out. False when Docs
 * refused the image: the marker then says where the chart is instead.
 */
function placeImage(
  docId: string,
  marker: string,
  image: GoogleAppsScript.Base.Blob,
  title: string,
): boolean {
  const doc = DocumentApp.openById(docId);
  const body = doc.getBody();
  const found = body.findText(literalPattern(marker));
  if (!found) {
    doc.saveAndClose();
    return true;
  }
  const paragraph = found.getElement().getParent();
  const index = body.getChildIndex(paragraph);
  let placed = true;
  try {
    const picture = body.insertImage(index, image).setAltTitle(title);
    const width = picture.getWidth();
    if (width > PAGE_WIDTH)
      picture.setHeight(Math.round((picture.getHeight() * PAGE_WIDTH) / width)).setWidth(PAGE_WIDTH);
    // A body ends with a paragraph: when the marker is the last one it is emptied, not removed.
    if (index + 1 === body.getNumChildren() - 1) paragraph.asParagraph().setText('');
    else paragraph.removeFromParent();
  } catch {
    placed = false;
    paragraph
      .asParagraph()
      .setText(`The chart of the scales is on the ${SUMMARY_TAB} tab of the spreadsheet.`);
  }
  doc.saveAndClose();
  return placed;
}

const SUMMARY_TAB = REPORT_TABS.surveySummary;

/** Rebuilds the Survey Summary tab for one survey: a table of figures and a bar chart drawn by Sheets. */
export function writeSummaryTab(db: Database, surveyId: string): { tab: string; rows: number } {
  const { tab, rows } = summaryTab(db, surveyView(db, surveyId));
  return { tab, rows };
}

/** writeSummaryTab with the survey's view already read; the chart too (null when there are no scales). */
function summaryTab(
  db: Database,
  view: SurveyView,
): { tab: string; rows: number; chart: GoogleAppsScript.Spreadsheet.EmbeddedChart | null } {
  const s = view.summary;
  const scaleIds = s.scales.map((x) => x.questionId);
  const round = (n: number | null) => (n === null ? '' : Math.round(n * 100) / 100);
  const header = [
    'Partner',
    'Invited',
    'Responded',
    'Response rate',
    'Overall',
    ...s.scales.map((x) => x.title),
    'Flag',
  ];
  const rows: (string | number)[][] = [
    header,
    ['All partners', s.invited, s.responded, round(s.rate), '', ...s.scales.map((x) => round(x.mean)), ''],
    ...s.partners.map((p) => [
      p.name,
      p.invited,
      p.responded,
      round(p.rate),
      round(p.overall),
      ...scaleIds.map((id) => round(p.scales.find((x) => x.questionId === id)?.mean ?? null)),
      p.flagged ? 'below threshold: review' : '',
    ]),
  ].map((r) => r.map((c) => (typeof c === 'string' ? asText(c) : c)));
  return withSheetLock(db, () => {
    const sheet = db.spreadsheet.getSheetByName(SUMMARY_TAB) ?? db.spreadsheet.insertSheet(SUMMARY_TAB);
    sheet.clearContents();
    for (const chart of sheet.getCharts()) sheet.removeChart(chart);
    const needed = rows.length - sheet.getMaxRows();
    if (needed > 0) sheet.insertRowsAfter(sheet.getMaxRows(), needed);
    const width = header.length;
    if (width > sheet.getMaxColumns())
      sheet.insertColumnsAfter(sheet.getMaxColumns(), width - sheet.getMaxColumns());
    sheet.getRange(1, 1, rows.length, width).setValues(rows);
    sheet.getRange(1, 1, 1, width).setFontWeight('bold');
    sheet.setFrozenRows(1);
    let chart: GoogleAppsScript.Spreadsheet.EmbeddedChart | null = null;
    if (s.scales.length) {
      // Mean of each scale across all partners: header row and the "All partners" row.
      chart = sheet
        .newChart()
        .asBarChart()
        .setTitle(`${view.survey.record.title}: average of each scale (1–5)`)
        .addRange(sheet.getRange(1, 6, 2, s.scales.length))
        .setPosition(rows.length + 2, 1, 0, 0)
        .setOption('hAxis.viewWindow.min', 1)
        .setOption('hAxis.viewWindow.max', 5)
        .setTransposeRowsAndColumns(true)
        .setNumHeaders(1)
        .build();
      sheet.insertChart(chart);
    }
    return { tab: SUMMARY_TAB, rows: rows.length - 1, chart };
  });
}
