import { JobFailure, jobErrorText } from './job-errors';

describe('what a failed job keeps of its error', () => {
  it('withholds quoted values, identity numbers and phone-like numbers, and clips', () => {
    expect(jobErrorText(`SMS to 13800138000 for '李明' refused`)).toBe('SMS to … for "…" refused');
    expect(jobErrorText('id 460100199001011234 +86 138 0013 8000')).not.toMatch(/199001011234|138 0013/);
    expect(jobErrorText('handler execution exceeded 900000ms')).toBe('handler execution exceeded 900000ms');
    expect([...jobErrorText('x'.repeat(1000))]).toHaveLength(300);
  });

  it('a JobFailure carries the safe text only, without the stack of the original', () => {
    const original = new Error(`gateway said "王芳 13912345678"`);
    const failure = new JobFailure(original);
    expect(failure.message).toBe('Error: gateway said "…"');
    expect(failure.stack).toBe('JobFailure: Error: gateway said "…"');
    expect(new JobFailure('not an error').message).toBe('the job failed without an error');
  });
});
