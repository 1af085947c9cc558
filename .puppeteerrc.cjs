// whatsapp-web.js pulls puppeteer, whose postinstall downloads a browser; that download
// cannot succeed on our machines. We always use the system Chromium (CHROMIUM_PATH).
module.exports = { skipDownload: true };
