/** A HIPAA Security Rule citation (45 CFR Part 164 Subpart C) and whether it is required or addressable. */
export interface HipaaCitation {
  citation: string;
  title: string;
  kind: 'required' | 'addressable' | 'standard';
  text: string;
}

/** The citations tenant-audit's controls serve. Source: 45 CFR 164.308, 164.312, 164.314, 164.316 (eCFR). */
export const hipaaCitations = {
  '164.308(a)(1)(ii)(B)': {
    citation: '164.308(a)(1)(ii)(B)',
    title: 'Risk management',
    kind: 'required',
    text: 'Implement security measures sufficient to reduce risks and vulnerabilities to a reasonable and appropriate level.',
  },
  '164.308(a)(3)(ii)(C)': {
    citation: '164.308(a)(3)(ii)(C)',
    title: 'Termination procedures',
    kind: 'addressable',
    text: 'Implement procedures for terminating access to electronic protected health information when the employment of, or other arrangement with, a workforce member ends.',
  },
  '164.308(a)(4)': {
    citation: '164.308(a)(4)',
    title: 'Information access management',
    kind: 'standard',
    text: 'Implement policies and procedures for authorizing access to electronic protected health information.',
  },
  '164.308(b)(1)': {
    citation: '164.308(b)(1)',
    title: 'Business associate contracts',
    kind: 'standard',
    text: 'A covered entity may permit a business associate to create, receive, maintain, or transmit ePHI on its behalf only with satisfactory assurances (a business associate agreement).',
  },
  '164.308(b)(3)': {
    citation: '164.308(b)(3)',
    title: 'Written contract or other arrangement',
    kind: 'required',
    text: 'Document the satisfactory assurances required by paragraph (b)(1) or (b)(2) of this section through a written contract or other arrangement with the business associate that meets the applicable requirements of 164.314(a).',
  },
  '164.312(a)(2)(i)': {
    citation: '164.312(a)(2)(i)',
    title: 'Unique user identification',
    kind: 'required',
    text: 'Assign a unique name and/or number for identifying and tracking user identity.',
  },
  '164.312(a)(2)(iii)': {
    citation: '164.312(a)(2)(iii)',
    title: 'Automatic logoff',
    kind: 'addressable',
    text: 'Implement electronic procedures that terminate an electronic session after a predetermined time of inactivity.',
  },
  '164.312(a)(2)(iv)': {
    citation: '164.312(a)(2)(iv)',
    title: 'Encryption and decryption',
    kind: 'addressable',
    text: 'Implement a mechanism to encrypt and decrypt electronic protected health information.',
  },
  '164.312(b)': {
    citation: '164.312(b)',
    title: 'Audit controls',
    kind: 'standard',
    text: 'Implement hardware, software, and/or procedural mechanisms that record and examine activity in information systems that contain or use ePHI.',
  },
  '164.312(d)': {
    citation: '164.312(d)',
    title: 'Person or entity authentication',
    kind: 'standard',
    text: 'Implement procedures to verify that a person or entity seeking access to ePHI is the one claimed.',
  },
  '164.312(e)(1)': {
    citation: '164.312(e)(1)',
    title: 'Transmission security',
    kind: 'standard',
    text: 'Implement technical security measures to guard against unauthorized access to ePHI that is being transmitted over an electronic communications network.',
  },
  '164.312(e)(2)(ii)': {
    citation: '164.312(e)(2)(ii)',
    title: 'Encryption (transmission)',
    kind: 'addressable',
    text: 'Implement a mechanism to encrypt electronic protected health information whenever deemed appropriate.',
  },
  '164.314(a)': {
    citation: '164.314(a)',
    title: 'Business associate contracts or other arrangements',
    kind: 'standard',
    text: 'The contract between a covered entity and a business associate must meet the requirements of 164.314(a)(2).',
  },
  '164.316(b)(2)(i)': {
    citation: '164.316(b)(2)(i)',
    title: 'Documentation time limit',
    kind: 'required',
    text: 'Retain the documentation required by 164.316(b)(1) for 6 years from the date of its creation or the date when it last was in effect, whichever is later.',
  },
} as const satisfies Record<string, HipaaCitation>;

export type HipaaCitationId = keyof typeof hipaaCitations;
