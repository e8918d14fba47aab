// `npm run demo-sheet`: writes the demo school as one CSV per tab under demo-sheet/ (git-ignored), to
// import into a new Google Sheet (README: "A demo spreadsheet anyone can make").
import fs from 'node:fs';
import path from 'node:path';
import { demoCsvFiles } from './demo-sheet-files';

const dir = path.resolve('demo-sheet');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const today = new Date().toISOString().slice(0, 10);
const files = demoCsvFiles(today);
for (const [name, text] of files) fs.writeFileSync(path.join(dir, name), text);
console.log(
  `Wrote ${files.size} CSV files to ${path.relative(process.cwd(), dir)}/ (dates relative to ${today}).\n` +
    'In a new Google Sheet: File > Import > Upload, one file at a time; Import location "Insert new sheet(s)";\n' +
    'untick "Convert text to numbers, dates, and formulas". Then delete the empty "Sheet1" if you like.',
);
