// Writes the suite's totals in the plain form CI reads, `N passed, N failed`, to a file that
// scripts/test.sh prints as the very last line (jest's own summary is printed after reporters).
const fs = require('node:fs');
const path = require('node:path');

const TOTALS_FILE = path.join(__dirname, '..', '.cache', 'jest-totals.txt');

class TotalsReporter {
  onRunStart() {
    fs.rmSync(TOTALS_FILE, { force: true });
  }

  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    fs.mkdirSync(path.dirname(TOTALS_FILE), { recursive: true });
    fs.writeFileSync(TOTALS_FILE, `${results.numPassedTests} passed, ${failed} failed\n`);
  }
}

module.exports = TotalsReporter;
