// Plain data, no Angular: the sign-in page (src/sign-in/) shows the same words when the server cannot answer.

/** When no answer came at all (offline, the server away). */
export const NETWORK_ERROR = {
  code: 'NETWORK',
  message: '连不上服务器，请检查网络后再试。',
  messageEn: 'Cannot reach the server. Check the connection and try again.',
} as const;

/** When an answer came but it is not the server's error shape (a proxy's page, a crash). */
export const UNKNOWN_ERROR = {
  code: 'UNKNOWN',
  message: '出了点问题，请稍后再试。',
  messageEn: 'Something went wrong. Please try again later.',
} as const;
