/**
 * THE message catalogue (issue 14): every error code the server sends → its Chinese and English
 * text. `{name}` is a placeholder filled from the error's params; `{thing}` takes a THINGS code.
 * A key `CODE.VARIANT` is a second message for a code the clients already know (sent as `messageKey`).
 * `validation.*` and the `*_FORMAT` keys are the field problems of VALIDATION_FAILED.
 * `npm run api:generate` copies this file's data into the client (core/api/generated/messages.ts).
 * Sorted by code; `node codemod-messages.mjs` merges new entries in.
 */
export const MESSAGES = {
  ACCOUNT_DISABLED: {
    zh: '此账号已停用，请联系管理员。',
    en: 'This account is disabled; contact an administrator.',
  },
  ACTIVATION_INVALID: {
    zh: '激活码或出生年份不正确，或激活码已失效。请核对后重试；仍不行请联系给您激活码的工作人员重新开具。',
    en: 'The activation code or birth year is not right, or the code is no longer valid. Check them and try again; if it still fails, ask the staff member who gave you the code for a new one.',
  },
  ADMISSION_IN_FUTURE: {
    zh: '入所日期不能晚于今天。',
    en: 'The admission date cannot be after today.',
  },
  ALREADY_APPLIED: {
    zh: '已经报名了这个班级。',
    en: 'Already applied to (or enrolled in) this class.',
  },
  ALREADY_ENROLLED: {
    zh: '已经报名了这个班次。',
    en: 'Already enrolled (or waitlisted) in this session.',
  },
  ALREADY_GRADUATED: {
    zh: '该学员已获得这个专业的毕业证书。',
    en: 'This trainee already holds this diploma.',
  },
  ALREADY_HIRED: {
    zh: '该候选人已在其他单位入职，不能再录用。',
    en: 'This candidate has taken another job.',
  },
  'ALREADY_HIRED.PLACEMENTS': {
    zh: '该学员已入职「{employer_name}·{order_title}」；如已离职，请先登记离职。',
    en: 'This trainee already works for {employer_name} ({order_title}); record that it ended first.',
  },
  'ALREADY_HIRED.PLACEMENTS_2': {
    zh: '该学员已在另一订单入职。',
    en: 'This trainee is already hired into another order.',
  },
  ALREADY_IN_PROGRAMME: {
    zh: '该学员已在同一专业的“{name}”（{value}），不能再报第二个班；出所后可办理转班。',
    en: 'Already in class “{name}” of the same programme; transfer instead of applying again.',
  },
  ALREADY_RECORDED: {
    zh: '这次回访已经记录过了。',
    en: 'This visit has been recorded already.',
  },
  ALREADY_REGISTERED: {
    zh: '已经报过名了。',
    en: 'Already registered.',
  },
  ALREADY_RESOLVED: {
    zh: '该申请已处理。',
    en: 'This request was already answered.',
  },
  APPOINTMENT_IN_PAST: {
    zh: '预约时间应晚于现在，请选择一个将来的时间。',
    en: 'The appointment must be in the future: pick a later time.',
  },
  APPOINTMENT_TIME_INVALID: {
    zh: '预约时间不是一个有效的日期和时间，请重新选择。',
    en: 'The appointment time is not a real date and time: pick it again.',
  },
  APPOINTMENT_TOO_FAR: {
    zh: '预约时间最多只能定在 {days} 天以内，请选择更近的时间。',
    en: 'An appointment can be at most {days} days ahead: pick an earlier time.',
  },
  ASK_COUNSELLOR: {
    zh: '所内学员由辅导员统一报名，请联系您的辅导员。',
    en: 'Trainees inside a facility are registered by their counsellor.',
  },
  BAD_ORDER: {
    zh: '订单班只能对应尚在招聘的订单。',
    en: 'An order class must train for an order that is still recruiting.',
  },
  BAD_ORDERS: {
    zh: '只能带本单位正在招聘（已发布）的订单参会。',
    en: 'Bring only your own open orders.',
  },
  BAD_REQUEST: {
    zh: '请求有误：{reason}',
    en: '{reason}',
  },
  BAD_VENUE: {
    zh: '上课地点必须是戒毒所、指导站或学校。',
    en: 'The venue must be a facility, station or school.',
  },
  'BAD_VENUE.DIPLOMAS': {
    zh: '所内班级须设在戒毒所。',
    en: 'The venue does not fit the class mode.',
  },
  'BAD_VENUE.DIPLOMAS_2': {
    zh: '社区班须设在指导站或学校。',
    en: 'The venue does not fit the class mode.',
  },
  'BAD_VENUE.FAIRS': {
    zh: '招聘会地点须为戒毒所或社区康复指导站。',
    en: 'The venue must be a facility or a community station.',
  },
  BOOTH_DECIDED: {
    zh: '这个展位申请已经处理过了。',
    en: 'This booth application has been decided already.',
  },
  BOOTH_EXISTS: {
    zh: '本单位已经申请过这场招聘会的展位。',
    en: 'Your organisation already has a booth (or an application) at this fair.',
  },
  BOOTH_NOT_APPROVED: {
    zh: '展位通过审核后才能发布面试时段。',
    en: 'Publish slots once the booth is approved.',
  },
  BUREAU_ALWAYS_ACTIVE: {
    zh: '戒毒管理局不能停用。',
    en: 'The bureau cannot be deactivated.',
  },
  CANNOT_DISABLE_SELF: {
    zh: '不能停用自己的账号。',
    en: 'You cannot disable your own account.',
  },
  CAPACITY_BELOW_BOOTHS: {
    zh: '已批准 {booths_taken} 个展位，展位数不能少于这个数。',
    en: '{booths_taken} booths are approved already; the capacity cannot be lower.',
  },
  CHALLENGE_REQUIRED: {
    zh: '登录尝试过多，请先完成下方的安全验证，再重新登录。',
    en: 'Too many sign-in attempts: complete the security check below, then sign in again.',
  },
  CLASS_ENDED: {
    zh: '这个班级已经结束。',
    en: 'This class has ended.',
  },
  CLASS_FULL: {
    zh: '班级已满（{capacity}人），可以改为候补，有空位时按顺序自动转正。',
    en: 'The class is full ({capacity}); waitlist instead — places pass to the waitlist in order.',
  },
  'CLASS_FULL.DIPLOMAS': {
    zh: '目标班级已满。',
    en: 'The target class is full.',
  },
  COHORT_FORMAT: {
    zh: '{field} 应为出所年份（2024）或季度（2024Q2）',
    en: '{field} must be a release year (2024) or quarter (2024Q2)',
  },
  CONCURRENT_UPDATE: {
    zh: '有人同时修改了这条记录，请重试。',
    en: 'Someone changed this record at the same time; please try again.',
  },
  CONSENT_ALREADY_GIVEN: {
    zh: '已经同意过了，无需重复。',
    en: 'This consent is already in place.',
  },
  CONSENT_ALREADY_WITHDRAWN: {
    zh: '已经撤回了。',
    en: 'This consent was already withdrawn.',
  },
  CONSENT_TEXT_OUTDATED: {
    zh: '同意书内容已更新，请重新阅读最新版本后再确认。',
    en: 'The consent text has changed; read the current version before agreeing.',
  },
  'CONSENT_TEXT_OUTDATED.FAIR_INTENT': {
    zh: '请阅读最新版本的同意书后再确认。',
    en: 'Read the current consent text before confirming.',
  },
  CONSTRAINT_FAILED: {
    zh: '输入不符合规则。',
    en: 'The input breaks a rule.',
  },
  CONTACT_METHOD_REQUIRED: {
    zh: '请选择回访方式。',
    en: 'Choose how the contact was made.',
  },
  CREDITS_MISSING: {
    zh: '学分不足：已获{earnedCredits}，需要{requiredCredits}。未通过：{missing}。',
    en: 'Not enough credits: {earnedCredits} of {requiredCredits}.',
  },
  CREDIT_CODE_FORMAT: {
    zh: '{field} 应为 18 位统一社会信用代码（数字和大写字母，不含 I、O、Z、S、V）',
    en: '{field} must be 18 characters of the GB 32100 alphabet',
  },
  CREDIT_CODE_INVALID: {
    zh: '统一社会信用代码应为18位（数字和大写字母，不含 I、O、Z、S、V）。',
    en: 'A unified social credit code has 18 characters (digits and capitals without I, O, Z, S, V).',
  },
  'CREDIT_CODE_INVALID.ORGANISATIONS': {
    zh: '统一社会信用代码校验位不正确，请核对营业执照。如已核对原件无误，可勾选“人工核验通过”并填写理由。',
    en: 'The credit code fails its check digit. Check the business licence; if the original is right, tick the manual override and give a reason.',
  },
  CREDIT_CODE_TAKEN: {
    zh: '该统一社会信用代码已注册。',
    en: 'This credit code is already registered.',
  },
  CROSS_SITE_REQUEST: {
    zh: '此请求来自其他网站，已被拒绝。请在本平台自己的页面上操作。',
    en: 'This request came from another website and was refused. Please use the platform’s own pages.',
  },
  DATE_IN_FUTURE: {
    zh: '不能登记未来日期的考勤。',
    en: 'Attendance cannot be recorded for a future date.',
  },
  DATE_PASSED: {
    zh: '招聘会日期不能早于今天。',
    en: 'The fair cannot be in the past.',
  },
  DATE_RANGE_INVERTED: {
    zh: '起始日期不能晚于结束日期。',
    en: 'The date range starts after it ends.',
  },
  DEADLINE_AFTER_FAIR: {
    zh: '报名截止日期不能晚于招聘会当天。',
    en: 'Registration must close by the fair day.',
  },
  DEADLINE_AFTER_START: {
    zh: '报名截止日期应不晚于到岗日期。',
    en: 'The deadline must not be after the start date.',
  },
  DEADLINE_PASSED: {
    zh: '截止日期已过，请先修改截止日期。',
    en: 'The deadline has passed; change it first.',
  },
  DIVISION_CODE_FORMAT: {
    zh: '{field} 应为 6 位行政区划代码',
    en: '{field} must be a 6-digit division code',
  },
  DONE_DATE_IN_FUTURE: {
    zh: '完成日期不能晚于今天。',
    en: 'The date done cannot be in the future.',
  },
  DUE_DATE_IN_PAST: {
    zh: '截止日期不能早于今天。',
    en: 'The due date cannot be in the past.',
  },
  DUPLICATE: {
    zh: '该记录已存在。',
    en: 'This record already exists.',
  },
  DUPLICATE_TRAINEE: {
    zh: '该身份证号已有学员档案，请勿重复建档；同一人再次入所请用“再次入所”。',
    en: 'A trainee with this identity number already exists; for the same person admitted again use Re-admission.',
  },
  DUPLICATE_UNIT: {
    zh: '课程名称重复。',
    en: 'Two units have the same name.',
  },
  EMPLOYER_NOT_EXPECTED: {
    zh: '只有“向用人单位提供联系方式”需要选择单位。',
    en: 'Only share_with_employer names an employer.',
  },
  EMPLOYER_NOT_VERIFIED: {
    zh: '贵单位的资料正在审核中（或未通过审核），审核通过后才能使用此功能。',
    en: 'Your organisation has not been verified yet (or was not verified); this function opens once it is.',
  },
  'EMPLOYER_NOT_VERIFIED.FAIRS': {
    zh: '单位通过审核后才能申请展位。',
    en: 'Booths are for verified employers.',
  },
  'EMPLOYER_NOT_VERIFIED.ORDERS': {
    zh: '单位通过审核后才能发布订单。',
    en: 'Orders can be published once the employer is verified.',
  },
  EMPLOYER_STATUS_BY_DECISION: {
    zh: '用人单位的状态通过审核决定修改。',
    en: "An employer's status changes through the verification decision.",
  },
  EMPTY_WORKBOOK: {
    zh: '文件中没有工作表。',
    en: 'The file has no worksheet.',
  },
  ENDS_BEFORE_START: {
    zh: '结束日期不能早于开始日期。',
    en: 'The end date is before the start date.',
  },
  'ENDS_BEFORE_START.FAIRS': {
    zh: '结束时间应晚于开始时间。',
    en: 'The end time must be after the start.',
  },
  END_DATE: {
    zh: '离职日期应在入职日期和今天之间。',
    en: 'The end date must be between the start date and today.',
  },
  ENROLMENT_OVER: {
    zh: '这条报名已结束，不能退学。',
    en: 'This enrolment is over.',
  },
  ENROLMENT_STATE: {
    zh: '当前状态（{state}）不能这样处理。',
    en: 'An enrolment in state {state} cannot be decided that way.',
  },
  FACILITY_ONLY: {
    zh: '只有戒毒所的辅导员可以导入学员名册。',
    en: 'Only counsellors of a facility import rosters.',
  },
  'FACILITY_ONLY.TRAINEES': {
    zh: '只有戒毒所的辅导员可以建立学员档案。',
    en: 'Only counsellors of a facility create trainee records.',
  },
  FAIR_CHECKIN_CODE_FORMAT: {
    zh: '签到码为 8 位，由数字 2–9 和大写字母组成（没有 0、1、I、L、O）',
    en: 'the check-in code has 8 characters: digits 2–9 and capital letters except I, L and O',
  },
  FAIR_BOOTH_LEGAL_LIMIT: {
    zh: '依照法律规定，这个展位的岗位目前都不能从事，不能预约面试。',
    en: 'By law none of this booth’s jobs may be taken up for now; the interview cannot be booked.',
  },
  'FAIR_BOOTH_LEGAL_LIMIT.FROM': {
    zh: '依照法律规定，这个展位的岗位 {from} 起才能从事，暂时不能预约面试。',
    en: 'By law this booth’s jobs may be taken up only from {from}; the interview cannot be booked yet.',
  },
  FAIR_CLOSED: {
    zh: '这场招聘会未开放或已结束。',
    en: 'This fair is not open.',
  },
  FAIR_FINISHED: {
    zh: '招聘会已结束，不能修改。',
    en: 'The fair is over and cannot change.',
  },
  FAIR_FULL: {
    zh: '展位已满，不能再批准。可以先扩大展位数。',
    en: 'Every booth is taken; raise the capacity first.',
  },
  FAIR_NOT_OPEN: {
    zh: '这场招聘会不接受展位申请（未开放或已结束）。',
    en: 'This fair does not take booth applications now.',
  },
  FAIR_OVER: {
    zh: '招聘会已经结束，不能再签到。',
    en: 'The fair is over.',
  },
  FAIR_STATE: {
    zh: '只有{value}状态的招聘会才能这样操作。',
    en: 'Only a {from} fair can become {to}.',
  },
  FILE_REQUIRED: {
    zh: '请选择要上传的 Excel 文件。',
    en: 'Choose an Excel file to upload.',
  },
  FILE_TOO_LARGE: {
    zh: '文件太大（最大 10 MB）。',
    en: 'The file is too large (10 MB at most).',
  },
  FORBIDDEN: {
    zh: '没有权限。',
    en: 'Not allowed.',
  },
  FORBIDDEN_ROLE: {
    zh: '您的账号没有使用此功能的权限。',
    en: 'Your account may not use this function.',
  },
  FOUND_DATE_INVALID: {
    zh: '找到日期不能晚于今天，也不能早于失联开始的日期（{since}）。',
    en: 'The day found cannot be in the future or before the person was lost ({since}).',
  },
  HANDOVER_DATE_IN_FUTURE: {
    zh: '交接日期不能晚于今天。',
    en: 'The handover date cannot be in the future.',
  },
  HANDOVER_OPEN: {
    zh: '该学员已有一条进行中的衔接记录。',
    en: 'This trainee already has an open handover.',
  },
  HANDOVER_STATE: {
    zh: '当前状态（{state}）不能进行这一步。',
    en: 'A handover in state {state} cannot take this step.',
  },
  HTTP_ERROR: {
    zh: '请求失败。',
    en: 'Request failed.',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    zh: '同一份提交仍在处理中，请稍等几秒，刷新页面确认结果后再决定是否重试。',
    en: 'The same submit is still being processed. Wait a few seconds and check the result before trying again.',
  },
  IDEMPOTENCY_KEY_INVALID: {
    zh: '请求头 Idempotency-Key 格式不正确：应为 8–128 位字母、数字或 . _ : - 。',
    en: 'The Idempotency-Key header must be 8–128 characters of letters, digits and . _ : -',
  },
  IDEMPOTENCY_KEY_REUSED: {
    zh: '这个请求编号（Idempotency-Key）已用于另一份不同的提交。请刷新页面后重新提交。',
    en: 'This Idempotency-Key was already used for a different request. Reload the page and submit again (a new submit needs a new key).',
  },
  IDENTITY_NUMBER_INVALID: {
    zh: '身份证号应为18位，最后一位可以是数字或X。',
    en: 'An identity number has 18 characters; the last may be a digit or X.',
  },
  'IDENTITY_NUMBER_INVALID.BIRTH_DATE': {
    zh: '身份证号中的出生日期不存在。',
    en: 'The birth date inside the identity number does not exist.',
  },
  'IDENTITY_NUMBER_INVALID.CHECK_DIGIT': {
    zh: '身份证号校验位不正确，请逐位核对。',
    en: 'The check character is wrong; check each digit.',
  },
  'IDENTITY_NUMBER_INVALID.REGION': {
    zh: '身份证号前两位不是有效的省份代码。',
    en: 'The first two digits are not a valid province code.',
  },
  ILLEGAL_TRANSITION: {
    zh: '不能从“{fromLabel}”转为“{toLabel}”。{hint}',
    en: 'Release happens only when the receiving station completes the handover.',
  },
  'ILLEGAL_TRANSITION.TRAINEES': {
    zh: '不能从“{fromLabel}”转为“{toLabel}”。{hint}',
    en: 'A trainee cannot go from {from} to {to}.',
  },
  IMPORT_BUSY: {
    zh: '现在有很多名册正在读取，请稍后再试。',
    en: 'Many rosters are being read right now; please try again shortly.',
  },
  INDUSTRY_CODE_FORMAT: {
    zh: '{field} 应为行业代码，例如 4-03',
    en: '{field} must be an industry code such as 4-03',
  },
  INSTANT_FORMAT: {
    zh: '{field} 应为带时区的日期和时间，如 2026-12-09T14:30:00+08:00',
    en: '{field} is a date and time with its offset, e.g. 2026-12-09T14:30:00+08:00',
  },
  INTENT_ANSWERED: {
    zh: '这份意向书已经答复过了。',
    en: 'This intent has been answered already.',
  },
  INTENT_EXISTS: {
    zh: '已经和这位候选人就该订单签过意向了。',
    en: 'An intent for this candidate and order exists.',
  },
  INTERNAL: {
    zh: '服务器出错了，请稍后再试。如果一直出现，请把请求编号告诉管理员。',
    en: 'Something went wrong on our side. If it keeps happening, give the request id to an administrator.',
  },
  INTERVIEW_IN_PAST: {
    zh: '面试时间不能早于今天。',
    en: 'The interview cannot be in the past.',
  },
  INVALID_CREDENTIALS: {
    zh: '用户名或密码不正确。',
    en: 'Wrong username or password.',
  },
  JOB_LIMIT_PREFIX_FORMAT: {
    zh: '{field} 应为 2022 年版职业分类代码或其前缀，例如 4-02-02 或 4-02-02-01',
    en: '{field} must be a code of the 2022 classification or a prefix of one, such as 4-02-02 or 4-02-02-01',
  },
  JOB_LIMIT_SUPERVISION_NOT_ALLOWED: {
    zh: '“禁止从业”规则已涵盖戒毒和社区康复期间，请不要勾选“监管期间亦限制”。',
    en: 'A “barred” rule already covers the time under supervision; leave “during supervision” unticked.',
  },
  JOB_LIMIT_UNKNOWN_PREFIX: {
    zh: '职业分类大典（2022）中没有以 {prefix} 开头的职业，请从职业列表中选择代码或其前缀（如 4-02-02）。',
    en: 'No occupation of the 2022 classification starts with {prefix}; pick a code or a prefix from the list (such as 4-02-02).',
  },
  JOB_LIMIT_YEARS_NOT_ALLOWED: {
    zh: '“禁止从业”规则没有年限，请删除年限，或改为“等待期”规则。',
    en: 'A “barred” rule has no years; remove them, or make it a waiting-period rule.',
  },
  JOB_LIMIT_YEARS_REQUIRED: {
    zh: '“等待期”规则需要填写出所后的年限（1 至 10 年）。',
    en: 'A waiting-period rule needs the years after release (1 to 10).',
  },
  JSON_TOO_DEEP: {
    zh: '提交的内容嵌套层数太多（最多 {maxDepth} 层）。',
    en: 'The request body is nested too deeply (at most {maxDepth} levels of objects and arrays).',
  },
  LAST_ENABLED_OF_ROLE: {
    zh: '这是唯一启用的安全管理员或审计管理员账号，不能停用。请先创建并启用另一个同类账号。',
    en: 'This is the only enabled security or audit administrator account; create and enable another one before disabling it.',
  },
  LOST_CONTACT_CLOSED: {
    zh: '这条失联记录已经关闭（人已找到）。',
    en: 'This lost-contact case is closed already (the person was found).',
  },
  MALFORMED_VALUE: {
    zh: '输入的格式不正确。',
    en: 'A value is malformed.',
  },
  MFA_ALREADY_ENROLLED: {
    zh: '您已设置两步验证。如需更换手机，请先关闭后重新设置，或请安全管理员重置。',
    en: 'You already have two-step verification. To move to a new phone, turn it off and enrol again, or ask the security administrator to reset it.',
  },
  MFA_ALREADY_SET_UP: {
    zh: '两步验证已经设置好了。',
    en: 'Two-step verification is already set up.',
  },
  MFA_ANSWER_REQUIRED: {
    zh: '请输入验证器应用中的6位验证码，或一个恢复码（二选一）。',
    en: 'Enter either the 6-digit code from your authenticator app or one recovery code.',
  },
  MFA_CODE_FORMAT: {
    zh: '{field} 应为 6 位数字',
    en: '{field} must be 6 digits',
  },
  MFA_CODE_INVALID: {
    zh: '验证码不正确，请查看验证器应用中的最新6位数字再试。',
    en: 'That code is not right; enter the current 6-digit code from your authenticator app.',
  },
  'MFA_CODE_INVALID.MFA': {
    zh: '验证码不正确。请确认手机时间准确，并输入验证器应用中当前显示的6位数字。',
    en: 'That code is not right. Check that the phone’s clock is correct and enter the 6 digits your app shows now.',
  },
  MFA_CODE_REUSED: {
    zh: '这个验证码已经用过了，请等应用显示下一个验证码再输入。',
    en: 'That code was already used; wait for the next code in your app.',
  },
  MFA_ENROLMENT_REQUIRED: {
    zh: '您的账号需要先设置两步验证（手机验证码），设置后即可正常使用。',
    en: 'Your account must set up two-step verification (a code from your phone) before you can continue.',
  },
  MFA_NOT_ENROLLED: {
    zh: '该账号没有设置两步验证，无需重置。',
    en: 'This account has no two-step verification to reset.',
  },
  MFA_NOT_OFFERED: {
    zh: '您的账号类型不使用两步验证。',
    en: 'Two-step verification is not used for this kind of account.',
  },
  MFA_NOT_STARTED: {
    zh: '请先开始设置两步验证。',
    en: 'Start setting up two-step verification first.',
  },
  MFA_RECOVERY_CODE_INVALID: {
    zh: '恢复码不正确或已经用过。每个恢复码只能用一次。',
    en: 'That recovery code is wrong or was already used; each works only once.',
  },
  MFA_REQUIRED_FOR_ACCOUNT: {
    zh: '您的账号必须使用两步验证，不能关闭。更换手机请联系安全管理员重置。',
    en: 'Your account must use two-step verification; it cannot be turned off. To change phones, ask the security administrator for a reset.',
  },
  MFA_TOKEN_INVALID: {
    zh: '验证已超时或尝试次数过多，请重新输入用户名和密码。',
    en: 'This sign-in step has expired or had too many tries; enter your username and password again.',
  },
  MONTH_FORMAT: {
    zh: '{field} 应为 YYYY-MM 格式的月份，如 2026-12',
    en: '{field} is a month as YYYY-MM, e.g. 2026-12',
  },
  NEED_CODE_UNKNOWN: {
    zh: '所选事项不属于“{area}”方面，请从列表中选择。',
    en: 'An item is not one of the {area} items; choose from the list.',
  },
  NEED_ITEMS_WITHOUT_NEED: {
    zh: '该方面评为“无需求”时不能勾选事项。',
    en: 'An area assessed as no need cannot list items.',
  },
  NOT_AN_EMPLOYER: {
    zh: '只有用人单位需要审核。',
    en: 'Only employers are verified.',
  },
  NOT_AN_INSTRUCTOR: {
    zh: '授课教师必须是教师账号。',
    en: 'The instructor must be an instructor account.',
  },
  NOT_AN_XLSX: {
    zh: '无法读取这个文件：请上传用模板填写的 .xlsx 文件。',
    en: 'Cannot read this file: upload an .xlsx made from the template.',
  },
  NOT_ASSESSABLE: {
    zh: '只能考核正式在读的学员（已考核的不能重复）。',
    en: 'Only enrolled trainees are assessed, once.',
  },
  NOT_A_HEAD_TEACHER: {
    zh: '班主任必须是教师账号。',
    en: 'The head teacher must be an instructor.',
  },
  NOT_A_PROVIDER: {
    zh: '培训机构必须是培训学校或合作学校。',
    en: 'The provider must be a training provider or the school.',
  },
  NOT_A_SCHOOL: {
    zh: '专业必须属于合作学校。',
    en: 'A programme belongs to a school.',
  },
  NOT_A_STATION: {
    zh: '接收单位必须是社区康复指导站。',
    en: 'The receiver must be an active community station.',
  },
  NOT_EMPLOYED: {
    zh: '只有在职的记录才能登记离职。',
    en: 'Only a current employment can end.',
  },
  NOT_ENOUGH_CREDITS: {
    zh: '各课程学分合计{total}，少于毕业要求的{requiredCredits}学分。',
    en: 'The units carry {total} credits, fewer than the {requiredCredits} required.',
  },
  NOT_FOUND: {
    zh: '找不到该{thing}，或您无权查看。',
    en: '{thing} not found, or you may not see it.',
  },
  'NOT_FOUND.ADDRESS': {
    zh: '找不到该地址。',
    en: 'Not found.',
  },
  NOT_GRADUABLE: {
    zh: '该学员不在读，不能毕业。',
    en: 'This enrolment is not current.',
  },
  NOT_INSIDE: {
    zh: '只有在所学员才能办理出所衔接。',
    en: 'Only trainees still inside can be handed over.',
  },
  NOT_IN_CLASS: {
    zh: '名单中有人不在本班在读。',
    en: 'Someone on the list is not studying in this class.',
  },
  NOT_IN_SESSION: {
    zh: '名单中有人不在本班次（或不是正式学员）。',
    en: 'Someone on the list is not enrolled in this session.',
  },
  NOT_STATION_COUNSELLOR: {
    zh: '只能交给本站的辅导员。',
    en: 'Assign to a counsellor of this station.',
  },
  NOT_STUDYING_IN_CLASS: {
    zh: '该学员不在本班在读名单中。',
    en: 'This trainee is not studying in this class.',
  },
  NOT_TRANSFERABLE: {
    zh: '只有在读的学员可以转班。',
    en: 'Only a current enrolment can transfer.',
  },
  NOT_WITHDRAWABLE: {
    zh: '这条报名已结束，不能退出。',
    en: 'This enrolment is over and cannot be withdrawn.',
  },
  NOT_YOUR_STEP: {
    zh: '这一步不由您操作。',
    en: 'This step is not yours to take.',
  },
  NO_CHECKLIST: {
    zh: '该学员还没有出所前准备清单（进入“出所前准备”后自动生成）。',
    en: 'This trainee has no pre-release checklist yet.',
  },
  NO_MATCHING_CONSENT: {
    zh: '{fullName}没有同意参加岗位匹配，请先征得本人同意。',
    en: 'The trainee has not consented to job matching.',
  },
  'NO_MATCHING_CONSENT.PLACEMENTS': {
    zh: '该学员没有同意参加岗位匹配，不能推荐。请先征得本人同意。',
    en: 'The trainee has not consented to job matching; ask them first.',
  },
  NO_STATION: {
    zh: '该学员户籍地没有社区康复指导站，请手动选择接收单位。',
    en: 'No station in the home division: choose the receiver.',
  },
  NUL_CHARACTER: {
    zh: '{where}含有空字符（\\u0000），不能保存：请删除它后再提交。',
    en: '{whereEn} contains a NUL character (\\u0000), which cannot be stored: remove it and try again.',
  },
  OCCUPATION_CODE_FORMAT: {
    zh: '{field} 应为 2022 年版职业分类代码，例如 4-03-02-01',
    en: '{field} must be a code of the 2022 classification such as 4-03-02-01',
  },
  ORDER_FINISHED: {
    zh: '订单已结束，不能修改。',
    en: 'This order is finished and cannot change.',
  },
  ORDER_FULL: {
    zh: '该订单的招聘人数已满或订单已关闭，无法再录用。',
    en: 'The order has reached its headcount or is closed.',
  },
  ORDER_NOT_AT_FAIR: {
    zh: '意向书只能针对本单位带到这场招聘会的订单。',
    en: 'An intent is for an order your booth brought to this fair.',
  },
  ORDER_NOT_OPEN: {
    zh: '该订单已满员或已关闭，不能再推荐。',
    en: 'The order is filled or closed; no more recommendations.',
  },
  ORDER_STATE: {
    zh: '订单当前状态不能{value}。',
    en: 'The order cannot be {to} from its current state.',
  },
  OTHER_PROGRAMME: {
    zh: '只能转到同一专业的另一个班级。',
    en: 'Transfer to another class of the same programme.',
  },
  OVERRIDE_WITHOUT_CODE: {
    zh: '没有信用代码可供人工核验。',
    en: 'There is no credit code to override.',
  },
  PAGE_CURSOR_INVALID: {
    zh: '翻页位置已失效，请回到第一页重新查看。',
    en: 'This page position is no longer valid; go back to the first page.',
  },
  PAPER_FORM_REQUIRED: {
    zh: '代学员接受时，请填写学员签字的纸质同意书编号。',
    en: 'Accepting for a trainee needs the reference of the paper form they signed.',
  },
  'PAPER_FORM_REQUIRED.FAIR_INTENT': {
    zh: '代学员确认时，请填写学员签字的纸质同意书编号。',
    en: "Confirming for a trainee needs their signed paper form's reference.",
  },
  PAYLOAD_TOO_LARGE: {
    zh: '提交的内容太大。',
    en: 'The request body is too large.',
  },
  PERMISSION_NOT_FOR_ROLE: {
    zh: '只有辅导员和系统管理员可以被授予此权限。',
    en: 'Only counsellors and system administrators may hold this permission.',
  },
  PHONE_CN_FORMAT: {
    zh: '{field} 应为手机号（11 位）或固定电话号码',
    en: '{field} must be a mobile (11 digits) or landline number',
  },
  PHONE_FORMAT: {
    zh: '{field} 应为电话号码',
    en: '{field} must be a phone number',
  },
  PLACEMENT_EXISTS: {
    zh: '该学员已在此订单中（{stateStateZh}）。',
    en: 'This trainee is already on this order ({state}).',
  },
  PLACEMENT_LEGAL_LIMIT: {
    zh: '依照法律规定，该学员目前不能从事这个职业，不能推荐。',
    en: 'By law this person may not work in this occupation; they cannot be recommended.',
  },
  'PLACEMENT_LEGAL_LIMIT.FROM': {
    zh: '依照法律规定，该学员 {from} 起才能从事这个职业，晚于到岗日期，不能推荐。',
    en: 'By law this person may work in this occupation only from {from}, after the start date; they cannot be recommended.',
  },
  PLACEMENT_LEGAL_LIMIT_INTENT: {
    zh: '依照法律规定，目前不能从事这个岗位，不能确认意向书。',
    en: 'By law this job may not be taken up for now; the intent cannot be confirmed.',
  },
  'PLACEMENT_LEGAL_LIMIT_INTENT.FROM': {
    zh: '依照法律规定，{from} 起才能从事这个岗位，晚于到岗日期，不能确认意向书。',
    en: 'By law this job may be taken up only from {from}, after its start date; the intent cannot be confirmed.',
  },
  PLACEMENT_STATE: {
    zh: '当前状态为“{stateStateZh}”，不能{zh}。',
    en: 'The placement is {state}; it cannot be moved to {to}.',
  },
  PLAN_ACTION_TITLE: {
    zh: '请选择一个需求事项，或填写步骤名称（二者选一）。',
    en: 'Choose a need item or write the step’s title (one of the two); a coded step keeps its fixed title.',
  },
  PLAN_GOAL_EXISTS: {
    zh: '该学员已有这个目标。',
    en: 'This trainee already has this goal.',
  },
  PLAN_GOAL_TITLE: {
    zh: '只有“自己的目标”填写名称，且必须填写。',
    en: 'Only an own goal has a title, and it needs one.',
  },
  PLAN_GOAL_UNKNOWN: {
    zh: '所选目标不属于该学员的计划。',
    en: 'The goal chosen is not part of this trainee’s plan.',
  },
  PLAN_STEP_CONFIRMED: {
    zh: '这一步已由工作人员确认，不能撤销。',
    en: 'This step was confirmed by staff and cannot be unticked.',
  },
  PLAN_STEP_NOT_OPEN: {
    zh: '这一步已取消，不能标记完成。',
    en: 'This step was cancelled and cannot be ticked.',
  },
  READMISSION_BEFORE_RELEASE: {
    zh: '再次入所日期不能早于上次出所日期。',
    en: 'The new admission cannot be before the last release.',
  },
  READMISSION_NO_RECORD: {
    zh: '没有这个身份证号的档案；首次入所请新建学员档案。',
    en: 'No record has this identity number; for a first admission create a new record.',
  },
  READMISSION_SEALED: {
    zh: '此人的档案已封存：须由省局管理员依法申请解封（事由：再次入所）并经另一位管理员批准后，才能办理再次入所。',
    en: 'This person’s record is sealed: a bureau administrator must ask to unseal it (basis: re-admission) and another approve before the re-admission.',
  },
  READMISSION_STILL_ADMITTED: {
    zh: '此人的上一次入所尚未办理出所，不能再次入所；请联系管理员核实。',
    en: 'This person’s last admission has not ended with a release; ask an administrator to check.',
  },
  READ_ONLY: {
    zh: '此学员已不在本单位（或尚未移交到本单位），只能查看，不能修改。',
    en: 'This trainee is not held by your organisation: you may read, not change, the record.',
  },
  REASON_REQUIRED: {
    zh: '婉拒展位申请时请写明原因，单位会看到。',
    en: 'Give the reason for declining; the employer will see it.',
  },
  'REASON_REQUIRED.TRAINEES': {
    zh: '不予更正时请写明原因，学员会看到。',
    en: 'Give the reason for declining; the trainee will see it.',
  },
  RECOMMENDATION_REASON_CODES: {
    zh: '{field} 须取自推荐理由列表（GET /api/reference/recommendation-reasons）',
    en: '{field} must come from GET /api/reference/recommendation-reasons',
  },
  REFERENCE_NOT_FOUND: {
    zh: '引用的记录不存在或仍在使用中。',
    en: 'A referenced record does not exist or is still in use.',
  },
  REGISTRATION_CLOSED: {
    zh: '这场招聘会的报名已截止。',
    en: 'Registration for this fair is closed.',
  },
  REGISTRATION_PROBLEMS: {
    zh: '有 {length} 名学员不能报名，全部未报名。请处理后重试。',
    en: '{length} trainees cannot be registered; nobody was registered. Fix them and retry.',
  },
  REGISTRATION_REQUIRED: {
    zh: '请指明为哪位学员预约。',
    en: 'Say which registration (trainee) this is for.',
  },
  RELEASE_BEFORE_ADMISSION: {
    zh: '预计出所日期不能早于入所日期。',
    en: 'The expected release cannot be before admission.',
  },
  REPORT_COHORT_ONLY: {
    zh: '成效报表按出所年份或季度统计，不接受任意的出所日期区间（releasedFrom、releasedTo）：两个只差一天的区间相减，就是一个人的情况。请改用 cohort，例如 cohort=2024 或 cohort=2024Q2。',
    en: 'Outcome reports are by release year or quarter, not by arbitrary release dates (releasedFrom, releasedTo): two windows a day apart differ by one person, and their difference is that person. Use cohort instead, e.g. cohort=2024 or cohort=2024Q2.',
  },
  REPORT_CROSS_GROUPING: {
    zh: '您的报表只统计本机构的学员，请按出所季度分组：按其他维度再分组，小组人数太少，会识别到个人。',
    en: "Your reports are your own organisation's trainees; group them by release quarter. Splitting them by another dimension makes groups small enough to identify people.",
  },
  'REPORT_CROSS_GROUPING.REPORTS': {
    zh: '限定到一个戒毒场所、社区康复指导站或户籍地后，请按出所季度分组：按另一个维度再分组，小组人数太少，会识别到个人。',
    en: 'A report narrowed to one facility, station or home division is grouped by release quarter: splitting it by another dimension makes groups small enough to identify people.',
  },
  REPORT_ONE_DIMENSION: {
    zh: '您的报表已限定为本机构的学员，不能再按其他戒毒场所、社区康复指导站或户籍地筛选：两个范围交叉后的小组人数太少，会识别到个人。',
    en: "Your reports are your own organisation's trainees already; they cannot also be narrowed to a facility, station or home division: crossing two makes groups small enough to identify people.",
  },
  'REPORT_ONE_DIMENSION.REPORTS': {
    zh: '一次只能按一个范围筛选：戒毒场所、社区康复指导站、户籍地三选一。两个范围交叉后的小组人数太少，会识别到个人。',
    en: 'Narrow by one of facility, community station or home division at a time: crossing two makes groups small enough to identify people.',
  },
  REVIEW_DATE_IN_FUTURE: {
    zh: '回顾日期不能晚于今天。',
    en: 'The review date cannot be in the future.',
  },
  ROLE_ORGANISATION_MISMATCH: {
    zh: '角色“{role}”不能属于此类机构（{type}）。',
    en: 'Role {role} cannot belong to an organisation of type {type}.',
  },
  SEALED_RECORD_NOT_FOUND: {
    zh: '没有这个身份证号的封存档案。',
    en: 'No sealed record has this identity number.',
  },
  SERVICE_UNAVAILABLE: {
    zh: '系统暂时无法访问数据，请稍后再试。登录状态和已填写的内容会保留。',
    en: 'The service cannot reach its data right now; please try again shortly. You stay signed in.',
  },
  SESSION_ENDED: {
    zh: '这个班次已经结束，请选择其他班次。',
    en: 'This session has ended; choose another.',
  },
  SESSION_EXPIRED: {
    zh: '登录已过期，请重新登录。',
    en: 'Your session has ended; please sign in again.',
  },
  SESSION_IDLE: {
    zh: '长时间未操作，请重新登录。',
    en: 'Signed out after a period of inactivity.',
  },
  SESSION_MAX_AGE: {
    zh: '已登录超过{staffMaxSessionHours}小时，为安全起见请重新登录。',
    en: 'You have been signed in for {staffMaxSessionHours} hours; for safety, please sign in again.',
  },
  SESSION_REVOKED: {
    zh: '检测到登录凭证被重复使用，为安全起见已退出所有相关登录，请重新登录。',
    en: 'A sign-in token was used twice; for safety these sessions were ended. Please sign in again.',
  },
  SLOTS_OUTSIDE_FAIR: {
    zh: '面试时段须在招聘会时间内（{fair_date} {starts_at}–{ends_at}）。',
    en: 'Slots must fall within the fair ({fair_date} {starts_at}–{ends_at}).',
  },
  SLOT_OVERLAP: {
    zh: '该学员在这个时间已有另一场面试，时间不能重叠。',
    en: 'The trainee already has an interview at that time.',
  },
  SLOT_TAKEN: {
    zh: '这个时段已被占用，请选择其他时段。',
    en: 'This slot is taken; choose another.',
  },
  SMS_NO_PHONE: {
    zh: '您的账号还没有登记手机号，无法设置短信提醒；请先联系工作人员登记手机号。',
    en: 'No mobile number is on file for you, so SMS reminders cannot be set; ask staff to record your number first.',
  },
  SMS_REPLY_INVALID: {
    zh: '回复内容格式不正确：需要 mobile、text（字符串）和可选的 nationcode。',
    en: 'Malformed reply: mobile and text (strings) are required, nationcode is optional.',
  },
  TIME_OF_DAY_FORMAT: {
    zh: '{field} 应为 HH:MM 格式的时间',
    en: '{field} is HH:MM',
  },
  TOO_EARLY: {
    zh: '招聘会在 {fair_date} 举行，当天才能签到。',
    en: 'The fair is on {fair_date}; check-in opens that day.',
  },
  TOO_MANY_REQUESTS: {
    zh: '操作太频繁，请{seconds}秒后再试。',
    en: 'Too many attempts; try again in {seconds} seconds.',
  },
  TOO_MANY_ROWS: {
    zh: '一个文件最多导入 {maxRows} 行，这个文件有 {count} 行：请分成几个文件，每个不超过 {maxRows} 行。',
    en: 'At most {maxRows} rows per file; this one has {count}: split it into files of at most {maxRows} rows.',
  },
  TRAINEES_REQUIRED: {
    zh: '请选择要报名的学员。',
    en: 'Choose the trainees to register.',
  },
  TRAINEE_CLOSED: {
    zh: '该学员档案已结案。',
    en: "This trainee's file is closed.",
  },
  TRAINEE_HAS_ACCOUNT: {
    zh: '该学员已有账号，不需要激活码；忘记密码请联系管理员重置。',
    en: 'This trainee already has an account, so no activation code is needed; a forgotten password is reset by an administrator.',
  },
  TRANSFER_NOT_RELEASED: {
    zh: '只有已出所、由社区康复指导站监管的人员才能转移监管。',
    en: 'Only a released person supervised by a community station can be transferred.',
  },
  TRANSFER_OPEN: {
    zh: '该人员已有一条待处理的转移申请；请先等待答复或撤回。',
    en: 'This person already has an open transfer request; wait for the answer or cancel it first.',
  },
  TRANSFER_STATE: {
    zh: '这条转移申请当前状态为 {state}，不能进行这一步。',
    en: 'A transfer in state {state} cannot take this step.',
  },
  TRANSFER_TO_SELF: {
    zh: '不能转移到本站：请选择另一个社区康复指导站。',
    en: 'A person cannot be transferred to the station that already supervises them; choose another station.',
  },
  TRANSFER_TRAINEE_MOVED: {
    zh: '该人员已不由申请转出的指导站监管（已转出、重新入所或已结案），这条申请不能再接收。',
    en: 'The person is no longer supervised by the requesting station (moved, readmitted or closed); this request can no longer be accepted.',
  },
  UNAUTHENTICATED: {
    zh: '请先登录。',
    en: 'Please sign in.',
  },
  'UNAUTHENTICATED.COMMON': {
    zh: '请先登录，或登录已过期，请重新登录。',
    en: 'Please sign in; your session may have expired.',
  },
  UNIT_NOT_IN_PROGRAMME: {
    zh: '这门课程不属于本班的专业。',
    en: 'This unit is not part of the class programme.',
  },
  UNKNOWN_CODE: {
    zh: '签到码 {code} 不属于这场招聘会，请核对后重新输入；没有报名的可以现场报名。',
    en: 'Code {code} is not registered for this fair; check it, or register a walk-in.',
  },
  UNKNOWN_DIVISION: {
    zh: '未知的行政区划代码 {code}。',
    en: 'Unknown division code {code}.',
  },
  'UNKNOWN_DIVISION.ORDERS': {
    zh: '未知的行政区划代码 {divisionCode}。',
    en: 'Unknown division {divisionCode}.',
  },
  UNKNOWN_EMPLOYER: {
    zh: '所选用人单位不存在或尚未通过审核。',
    en: 'The employer does not exist or is not verified.',
  },
  UNKNOWN_INDUSTRY: {
    zh: '没有行业代码 {unknown}，请从列表中选择。',
    en: 'No industry {unknown}; pick from the list.',
  },
  UNKNOWN_OCCUPATION: {
    zh: '职业分类大典中没有代码 {occupationCode}。',
    en: 'No occupation {occupationCode} in the 2022 classification.',
  },
  'UNKNOWN_OCCUPATION.ORDERS': {
    zh: '职业分类大典中没有代码 {occupationCode}。',
    en: 'No occupation {occupationCode}.',
  },
  'UNKNOWN_OCCUPATION.REFERENCE': {
    zh: '职业分类大典中没有代码 {unknown}，请从列表中选择技能。',
    en: 'No occupation {unknown}; pick skills from the list.',
  },
  UNKNOWN_ORGANISATION: {
    zh: '没有这个{zh}。',
    en: 'There is no such {en}.',
  },
  'UNKNOWN_ORGANISATION.USERS': {
    zh: '所选机构不存在。',
    en: 'The chosen organisation does not exist.',
  },
  UNMASK_NOT_PERMITTED: {
    zh: '按完整身份证号查找需要“查看完整身份证号”的权限；请按姓名查找，或联系管理员。',
    en: 'Looking up a full identity number needs the unmask permission; search by name, or ask an administrator.',
  },
  'UNMASK_NOT_PERMITTED.TRAINEES': {
    zh: '您没有查看完整身份证号的权限，请联系管理员。',
    en: 'You may not see full identity numbers; ask an administrator.',
  },
  UNSEAL_REQUEST_DECIDED: {
    zh: '这个解封申请已经处理过了。',
    en: 'This request to unseal has already been decided.',
  },
  UNSEAL_REQUEST_OPEN: {
    zh: '这个档案已有一个待审批的解封申请。',
    en: 'This record already has a request to unseal waiting for a decision.',
  },
  UNSEAL_SAME_APPROVER: {
    zh: '解封须由另一位管理员审批，不能审批自己的申请。',
    en: 'Another administrator must decide: you cannot approve your own request.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    zh: '请以 JSON 格式提交。',
    en: 'Send JSON.',
  },
  'UNSUPPORTED_MEDIA_TYPE.COMMON': {
    zh: '登录和账户请求只接受 JSON 格式（Content-Type: application/json）。',
    en: 'Sign-in and account requests accept only JSON (Content-Type: application/json).',
  },
  USERNAME_FORMAT: {
    zh: '{field} 应为 3–40 个小写字母、数字、“.”、“_”或“-”',
    en: '{field} must be 3–40 lower-case letters, digits, ".", "_" or "-"',
  },
  USERNAME_TAKEN: {
    zh: '用户名“{username}”已被使用，请换一个。',
    en: 'The username "{username}" is taken; choose another.',
  },
  VALIDATION_FAILED: {
    zh: '请检查输入：{summary}',
    en: 'Please check the input: {summary}',
  },
  VALUE_TOO_LONG: {
    zh: '输入内容过长。',
    en: 'A value is too long.',
  },
  VISIT_DATE_IN_FUTURE: {
    zh: '回访日期不能晚于今天。',
    en: 'The visit date cannot be in the future.',
  },
  WAGE_RANGE: {
    zh: '最低工资不能高于最高工资。',
    en: 'The minimum wage is above the maximum.',
  },
  WEAK_PASSWORD: {
    zh: '密码至少8位，且包含大写字母、小写字母、数字、符号中的三种，不能包含用户名。',
    en: 'Passwords need at least 8 characters with three of: upper case, lower case, digits, symbols, and must not contain the username.',
  },
  WECHAT_BOUND_ELSEWHERE: {
    zh: '这个微信已经用于另一个账号的提醒；请先在那个账号里解除绑定，再绑定到这里。',
    en: 'This WeChat already receives reminders for another account; unbind it there first, then bind it here.',
  },
  WECHAT_CODE_FORMAT: {
    zh: '{field} 应为微信授权后返回的 code',
    en: '{field} must be the code WeChat returned after authorisation',
  },
  WECHAT_CODE_INVALID: {
    zh: '微信授权已过期或已使用，请重新点击“绑定微信”并在微信中确认。',
    en: 'The WeChat authorisation has expired or was already used; tap "Bind WeChat" again and confirm in WeChat.',
  },
  WECHAT_NOT_CONFIGURED: {
    zh: '本系统没有开通微信提醒，无法绑定微信；提醒会继续在站内消息中显示。',
    en: 'WeChat reminders are not enabled on this server, so WeChat cannot be bound; reminders stay in your in-app messages.',
  },
  WECHAT_UNAVAILABLE: {
    zh: '暂时无法连接微信，请稍后再试。',
    en: 'WeChat cannot be reached right now; please try again shortly.',
  },
  WEIGHTS_SUM: {
    zh: '各项权重加起来应为 100（现在是 {sum}）。',
    en: 'The weights must add up to 100 (they add up to {sum}).',
  },
  WORKBOOK_TOO_COMPLEX: {
    zh: '这个文件内容太多，无法在限定的内存和时间（{timeoutMs} 秒）内读完：请只保留名册工作表，或分成几个文件导入（每个最多 {maxRows} 行）。',
    en: 'This workbook is too complex to read within the memory and time allowed ({timeoutMs} s): keep only the roster sheet, or split it into files of at most {maxRows} rows.',
  },
  WORKBOOK_TOO_LARGE: {
    zh: '这个文件解压后太大（{detail}；最多 {mb} MB）：请只保留名册工作表，删除多余的内容后再上传，或分成几个文件导入。',
    en: 'This workbook is too large once unpacked ({detailEn}; at most {mb} MB): keep only the roster sheet, or split it into several files.',
  },
  'WORKBOOK_TOO_LARGE.TRAINEES': {
    zh: '这个文件的压缩比异常（{ratio} 倍，最多 {maxRatio} 倍），不像是正常填写的名册：请用模板重新填写后上传。',
    en: "This workbook's compression ratio is abnormal ({ratio}×, at most {maxRatio}×); it does not look like a filled-in roster. Fill in the template again.",
  },
  WRONG_CURRENT_PASSWORD: {
    zh: '当前密码不正确。',
    en: 'The current password is wrong.',
  },
  WRONG_SIDE: {
    zh: '这一步由移交方（戒毒所）操作。',
    en: 'The sending facility takes this step.',
  },
  'WRONG_SIDE.HANDOVERS': {
    zh: '这一步由接收方（社区康复指导站）确认。',
    en: 'The receiving station takes this step.',
  },
  'WRONG_SIDE.TRANSFER_RECEIVER': {
    zh: '这一步由接收方（转入的社区康复指导站）操作。',
    en: 'The receiving station takes this step.',
  },
  'WRONG_SIDE.TRANSFER_SENDER': {
    zh: '这一步由转出的社区康复指导站操作。',
    en: 'The sending station takes this step.',
  },
  WRONG_TEMPLATE: {
    zh: '表头与模板不一致，请下载模板后按列填写。',
    en: 'The header does not match the template; download the template.',
  },
  'validation.arrayMaxSize': {
    zh: '{field} 最多 {max} 项',
    en: '{field} must contain no more than {max} elements',
  },
  'validation.arrayMinSize': {
    zh: '{field} 至少 {min} 项',
    en: '{field} must contain at least {min} elements',
  },
  'validation.arrayUnique': {
    zh: '{field} 中不能有重复项',
    en: "All {field}'s elements must be unique",
  },
  'validation.isArray': {
    zh: '{field} 应为列表',
    en: '{field} must be an array',
  },
  'validation.isBoolean': {
    zh: '{field} 应为是或否（true/false）',
    en: '{field} must be a boolean value',
  },
  'validation.isDateString': {
    zh: '{field} 应为日期（如 2024-05-01）',
    en: '{field} must be a valid ISO 8601 date string',
  },
  'validation.isIn': {
    zh: '{field} 应为以下之一：{values}',
    en: '{field} must be one of the following values: {values}',
  },
  'validation.isInt': {
    zh: '{field} 应为整数',
    en: '{field} must be an integer number',
  },
  'validation.isJwt': {
    zh: '{field} 格式不正确',
    en: '{field} must be a jwt string',
  },
  'validation.isString': {
    zh: '{field} 应为文字',
    en: '{field} must be a string',
  },
  'validation.isUuid': {
    zh: '{field} 应为 UUID 编号',
    en: '{field} must be a UUID',
  },
  'validation.matches': {
    zh: '{field} 格式不正确',
    en: '{field} must match {pattern} regular expression',
  },
  'validation.max': {
    zh: '{field} 不能大于 {max}',
    en: '{field} must not be greater than {max}',
  },
  'validation.maxLength': {
    zh: '{field} 最多 {max} 个字',
    en: '{field} must be shorter than or equal to {max} characters',
  },
  'validation.min': {
    zh: '{field} 不能小于 {min}',
    en: '{field} must not be less than {min}',
  },
  'validation.minLength': {
    zh: '{field} 至少 {min} 个字',
    en: '{field} must be longer than or equal to {min} characters',
  },
  'validation.nestedValidation': {
    zh: '{field} 应为对象或列表',
    en: 'nested property {field} must be either object or array',
  },
  'validation.other': {
    zh: '{field} 不符合要求',
    en: '{text}',
  },
  'validation.whitelistValidation': {
    zh: '不接受字段 {field}',
    en: 'property {field} should not exist',
  },
} as const;

/** What a NOT_FOUND names: `notFound('ORDER')` → 找不到该订单，或您无权查看。 */
export const THINGS = {
  ACCOUNT: {
    zh: '账号',
    en: 'Account',
  },
  BOOTH: {
    zh: '展位',
    en: 'Booth',
  },
  CLASS: {
    zh: '班级',
    en: 'Class',
  },
  CONSENT: {
    zh: '同意记录',
    en: 'Consent',
  },
  CORRECTION_REQUEST: {
    zh: '更正申请',
    en: 'Correction request',
  },
  COURSE: {
    zh: '课程',
    en: 'Course',
  },
  COURSE_SESSION: {
    zh: '培训班次',
    en: 'Course session',
  },
  DIPLOMA: {
    zh: '毕业证书',
    en: 'Diploma',
  },
  DIPLOMA_CHECK_THE_CODE: {
    zh: '证书（请核对验证码）',
    en: 'Diploma (check the code)',
  },
  ENROLMENT: {
    zh: '报名记录',
    en: 'Enrolment',
  },
  FAIR_REGISTRATION_FIRST: {
    zh: '报名记录',
    en: 'Registration (register for the fair first)',
  },
  FOLLOW_UP_VISIT: {
    zh: '回访记录',
    en: 'Follow-up visit',
  },
  HANDOVER: {
    zh: '衔接记录',
    en: 'Handover',
  },
  INTENT: {
    zh: '意向书',
    en: 'Intent',
  },
  INTERVIEW_SLOT: {
    zh: '面试时段',
    en: 'Interview slot',
  },
  JOB: {
    zh: '任务',
    en: 'Job',
  },
  JOB_FAIR: {
    zh: '招聘会',
    en: 'Job fair',
  },
  JOB_LIMIT_RULE: {
    zh: '从业限制规则',
    en: 'Job limit rule',
  },
  JOB_ORDER: {
    zh: '订单',
    en: 'Job order',
  },
  LOST_CONTACT: {
    zh: '失联记录',
    en: 'Lost-contact case',
  },
  NOTIFICATION: {
    zh: '通知',
    en: 'Notification',
  },
  OCCUPATION: {
    zh: '职业',
    en: 'Occupation',
  },
  ORDER: {
    zh: '订单',
    en: 'Order',
  },
  ORGANISATION: {
    zh: '机构',
    en: 'Organisation',
  },
  PLACEMENT: {
    zh: '推荐记录',
    en: 'Placement',
  },
  PLAN_ACTION: {
    zh: '计划步骤',
    en: 'Plan step',
  },
  PLAN_GOAL: {
    zh: '计划目标',
    en: 'Plan goal',
  },
  PLAN_REVIEW: {
    zh: '计划回顾',
    en: 'Plan review',
  },
  PROGRAMME: {
    zh: '专业',
    en: 'Programme',
  },
  REGISTRATION: {
    zh: '报名记录',
    en: 'Registration',
  },
  SESSION: {
    zh: '登录设备',
    en: 'Session',
  },
  STATION_TRANSFER: {
    zh: '转移监管申请',
    en: 'Station transfer',
  },
  TRAINEE_RECORD: {
    zh: '学员档案',
    en: 'Trainee record',
  },
  TWO_STEP_VERIFICATION: {
    zh: '两步验证设置',
    en: 'Two-step verification',
  },
  UNSEAL_REQUEST: {
    zh: '解封申请',
    en: 'Request to unseal',
  },
  VISIT: {
    zh: '回访',
    en: 'Visit',
  },
} as const;

export type MessageKey = keyof typeof MESSAGES;
export type ThingCode = keyof typeof THINGS;
/** A text the caller already has in both languages (e.g. a label from a zh/en table). */
export interface LocalText {
  readonly zh: string;
  readonly en: string;
}
export type ParamValue = string | number | LocalText;

type Placeholders<S> = S extends `${string}{${infer P}}${infer R}` ? P | Placeholders<R> : never;
/** The placeholders of one message, in either language. */
export type PlaceholdersOf<K extends MessageKey> = Placeholders<(typeof MESSAGES)[K]['zh'] | (typeof MESSAGES)[K]['en']>;
export type ParamsOf<K extends MessageKey> = { readonly [P in PlaceholdersOf<K>]: P extends 'thing' ? ThingCode : ParamValue };
/** The wire code of a message key (`CODE.VARIANT` → `CODE`). */
export type CodeOf<K extends string> = K extends `${infer C}.${string}` ? C : K;
export type MessageCode = CodeOf<Exclude<MessageKey, `validation.${string}`>>;
