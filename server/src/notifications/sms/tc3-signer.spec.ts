import {
  authorization,
  canonicalHeaders,
  canonicalRequest,
  credentialScope,
  parseAuthorization,
  sha256Hex,
  signature,
  stringToSign,
} from './tc3-signer';

/**
 * The worked example of Tencent's "Signature v3" page (CVM DescribeInstances, timestamp 1551113065,
 * SecretKey `Gu5t9xGARNpq86cd98joQYCN3EXAMPLE`): every intermediate value the page prints is checked.
 */
const PAYLOAD = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
const HEADERS = { 'Content-Type': 'application/json; charset=utf-8', Host: 'cvm.tencentcloudapi.com' };
const TS = 1551113065;

describe('TC3-HMAC-SHA256 (Tencent Signature v3 example)', () => {
  it('hashes the payload', () => {
    expect(sha256Hex(PAYLOAD)).toBe('35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064');
  });

  it('builds the canonical headers and request', () => {
    expect(canonicalHeaders(HEADERS)).toEqual({
      canonical: 'content-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n',
      signed: 'content-type;host',
    });
    expect(canonicalRequest('POST', HEADERS, PAYLOAD)).toBe(
      'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n' +
        '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    );
  });

  it('builds the string to sign with the UTC date (00:44 in China is still the 25th)', () => {
    expect(credentialScope(TS, 'cvm')).toBe('2019-02-25/cvm/tc3_request');
    expect(stringToSign(TS, 'cvm', canonicalRequest('POST', HEADERS, PAYLOAD))).toBe(
      'TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    );
  });

  it('reproduces the documented signature and Authorization header', () => {
    const sts = stringToSign(TS, 'cvm', canonicalRequest('POST', HEADERS, PAYLOAD));
    expect(signature('Gu5t9xGARNpq86cd98joQYCN3EXAMPLE', TS, 'cvm', sts)).toBe(
      '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
    const header = authorization({
      secretId: 'AKIDEXAMPLE',
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
      service: 'cvm',
      timestamp: TS,
      headers: HEADERS,
      payload: PAYLOAD,
    });
    expect(header).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, ' +
        'Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
    expect(parseAuthorization(header)).toEqual({
      secretId: 'AKIDEXAMPLE',
      date: '2019-02-25',
      service: 'cvm',
      signedHeaders: ['content-type', 'host'],
      signature: '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    });
  });

  it('changes with the secret key (a wrong key cannot pass)', () => {
    const sts = stringToSign(TS, 'cvm', canonicalRequest('POST', HEADERS, PAYLOAD));
    expect(signature('another-key', TS, 'cvm', sts)).not.toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
  });
});
