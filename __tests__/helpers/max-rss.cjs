// Preloaded into a child process with NODE_OPTIONS=--require: on exit, writes the process's peak
// resident set size (KiB, as process.resourceUsage() gives it) to the file MAX_RSS_FILE names.
const { writeFileSync } = require('node:fs')
process.on('exit', () => {
  const file = process.env.MAX_RSS_FILE
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS))
})
