/**
 * Why a DLP gap warns and never fails, on either cloud: the Security Rule does not name DLP; it
 * supports the transmission-security standard and risk management.
 */
export const DLP_NOT_REQUIRED =
  'The Security Rule does not require DLP; it is a recommended measure supporting transmission security (164.312(e)(1)) and risk management (164.308(a)(1)(ii)(B)).';
