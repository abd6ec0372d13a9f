// Plain data, no Angular: the sign-in page (src/sign-in/) shows the activation link with these words.

/**
 * Words of the public activation page and of its link on the sign-in page. The page is opened on the
 * person's own (often shared) phone: it says 你, uses plain words and names no place or programme.
 */
export const activateZh = {
  'activate.link': '第一次使用？用激活码开通账号',
  'activate.title': '开通账号',
  'activate.subtitle': '用你拿到的激活码，自己设置用户名和密码。',
  'activate.code': '激活码',
  'activate.codeHint': '纸上印的 10 位字母和数字，不分大小写，横线可以不输。',
  'activate.codeRequired': '请输入激活码',
  'activate.codeShape': '激活码是 10 位字母和数字，请核对一下',
  'activate.birthYear': '出生年份',
  'activate.birthYearHint': '4 位数字，比如 1990',
  'activate.birthYearBad': '请输入 4 位的出生年份，比如 1990',
  'activate.username': '用户名',
  'activate.usernameRule': '3 到 40 位，只能用小写字母、数字和 . _ -，比如 zhang.san',
  'activate.usernameBad': '用户名只能用小写字母、数字和 . _ -，3 到 40 位',
  'activate.password': '密码',
  'activate.passwordRequired': '请设置密码',
  'activate.showPassword': '显示密码',
  'activate.hidePassword': '隐藏密码',
  'activate.submit': '开通账号',
  'activate.invalid': '激活码或出生年份不对，或者激活码已经不能用了。请再核对一遍；还是不行，请找给你激活码的工作人员重新开一个。',
  'activate.tooMany': '试的次数太多了，请稍后再试。',
  'activate.usernameTaken': '这个用户名已经有人用了，请换一个。',
  'activate.done': '账号开通好了，正在登录……',
  'activate.doneLogin': '账号开通好了。请用你的用户名和密码登录。',
  'activate.haveAccount': '已经有账号了？',
  'activate.toLogin': '去登录',
  'activate.keep': '记住你的用户名和密码。忘记了可以找工作人员帮你重置。',
} as const;

export type ActivateKey = keyof typeof activateZh;

export const activateEn: Readonly<Record<ActivateKey, string>> = {
  'activate.link': 'First time here? Open your account with an activation code',
  'activate.title': 'Open your account',
  'activate.subtitle': 'Use the activation code you were given and choose your own username and password.',
  'activate.code': 'Activation code',
  'activate.codeHint': 'The 10 letters and digits printed on your slip; upper or lower case, dashes optional.',
  'activate.codeRequired': 'Type the activation code',
  'activate.codeShape': 'The code has 10 letters and digits; please check it',
  'activate.birthYear': 'Year of birth',
  'activate.birthYearHint': '4 digits, e.g. 1990',
  'activate.birthYearBad': 'Type your year of birth in 4 digits, e.g. 1990',
  'activate.username': 'Username',
  'activate.usernameRule': '3 to 40 characters: lower-case letters, digits and . _ - only, e.g. zhang.san',
  'activate.usernameBad': 'Use 3 to 40 lower-case letters, digits and . _ - only',
  'activate.password': 'Password',
  'activate.passwordRequired': 'Choose a password',
  'activate.showPassword': 'Show password',
  'activate.hidePassword': 'Hide password',
  'activate.submit': 'Open my account',
  'activate.invalid':
    'The activation code or year of birth is not right, or the code no longer works. Check them again; if it still fails, ask the person who gave you the code for a new one.',
  'activate.tooMany': 'Too many tries. Please try again later.',
  'activate.usernameTaken': 'Someone already uses this username. Please choose another.',
  'activate.done': 'Your account is open. Signing you in…',
  'activate.doneLogin': 'Your account is open. Sign in with your username and password.',
  'activate.haveAccount': 'Already have an account?',
  'activate.toLogin': 'Sign in',
  'activate.keep': 'Remember your username and password. If you forget them, staff can reset them for you.',
};
