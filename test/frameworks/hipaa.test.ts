import { describe, expect, it } from 'vitest';
import { licenseBaaEligible } from '../../src/controls/m365/license-baa-eligible.js';
import { googleLicenseBaaEligible } from '../../src/controls/google/license-baa-eligible.js';
import { hipaaCitations } from '../../src/frameworks/hipaa.js';

describe('HIPAA citations', () => {
  it('include 164.308(b)(3), the required written contract the BAA controls serve', () => {
    expect(hipaaCitations['164.308(b)(3)']).toEqual({
      citation: '164.308(b)(3)',
      title: 'Written contract or other arrangement',
      kind: 'required',
      text: 'Document the satisfactory assurances required by paragraph (b)(1) or (b)(2) of this section through a written contract or other arrangement with the business associate that meets the applicable requirements of § 164.314(a).',
    });
    expect(licenseBaaEligible.meta.hipaa).toContain('164.308(b)(3)');
    expect(googleLicenseBaaEligible.meta.hipaa).toContain('164.308(b)(3)');
  });

  it('keep 164.312(e)(1) a standard whose implementation specifications are addressable', () => {
    expect(hipaaCitations['164.312(e)(1)'].kind).toBe('standard');
    expect(hipaaCitations['164.312(e)(2)(ii)'].kind).toBe('addressable');
  });
});
