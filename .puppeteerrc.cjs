// Puppeteer's own browser download is skipped: installs must work offline.
// The renderer finds a browser at run time (see server/pdf/browserPath.ts).
module.exports = { skipDownload: true };
