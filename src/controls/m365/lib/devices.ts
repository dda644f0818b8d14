// What Entra and Intune say about a device, read the same way by the device controls.

export type Platform = 'windows' | 'macos' | 'other';

/** Entra and Intune write Windows as "Windows" (or "Windows Server"); Macs as "macOS", "MacMDM" or "Mac OS X". */
export function platformOf(operatingSystem: string | null | undefined): Platform {
  const os = (operatingSystem ?? '').trim().toLowerCase();
  if (os.startsWith('windows')) return 'windows';
  if (os.startsWith('mac') || os === 'osx') return 'macos';
  return 'other';
}
