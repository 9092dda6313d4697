/**
 * Text from a server, a file or an error, fit for one log line: line and paragraph breaks become a
 * space, so the text cannot start a line of its own (and with it a workflow command).
 */
export const oneLine = (text: string): string => text.replace(/[\r\n\u2028\u2029]+/g, ' ').trim()
