import { validateForm } from '../../common/form';
import { RegisterDto } from './register.dto';

const valid = { username: 'alice', email: 'alice@example.com', password: 'correct horse', confirmPassword: 'correct horse' };

async function errorsFor(fields: Record<string, string>) {
  const result = await validateForm(RegisterDto, { ...valid, ...fields });
  return result.valid ? {} : result.errors;
}

describe('RegisterDto', () => {
  it('accepts a valid registration and trims names', async () => {
    const result = await validateForm(RegisterDto, { ...valid, username: '  alice ' });
    expect(result.valid).toBe(true);
    if (result.valid) expect(result.value.username).toBe('alice');
  });

  it('says what is missing first', async () => {
    expect(await errorsFor({ username: '' })).toEqual({ username: 'Enter a username.' });
    expect(await errorsFor({ email: '' })).toEqual({ email: 'Enter your email address.' });
    expect(await errorsFor({ password: '', confirmPassword: '' })).toEqual({
      password: 'Enter a password.',
      confirmPassword: 'Type the password again.',
    });
  });

  it('explains each rule', async () => {
    expect((await errorsFor({ username: 'al' })).username).toMatch(/3 to 30 characters/);
    expect((await errorsFor({ username: 'al ice' })).username).toMatch(/3 to 30 characters/);
    expect((await errorsFor({ email: 'nope' })).email).toMatch(/valid email/);
    expect((await errorsFor({ password: 'short', confirmPassword: 'short' })).password).toMatch(/at least 8/);
    const long = 'é'.repeat(37); // 74 bytes
    expect((await errorsFor({ password: long, confirmPassword: long })).password).toMatch(/72 bytes/);
    expect((await errorsFor({ confirmPassword: 'different' })).confirmPassword).toMatch(/do not match/);
  });

  it('never sends a password back', async () => {
    const result = await validateForm(RegisterDto, { ...valid, username: '' });
    expect(result.values).toEqual({ username: '', email: 'alice@example.com' });
  });
});
