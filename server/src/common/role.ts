/**
 * `admin` is the bureau's system administrator (系统管理员); `security_admin` (安全管理员)
 * grants permissions; `audit_admin` (审计管理员) reads the audit log. 等保 2.0 level 3
 * wants these three separated: a role is one column (`app_user.role`), so no account holds two.
 */
export const ROLES = ['admin', 'counsellor', 'instructor', 'employer', 'trainee', 'security_admin', 'audit_admin'] as const;
export type Role = (typeof ROLES)[number];
