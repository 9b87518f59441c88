const POLYNOMIAL = 0x1021;

/**
 * CRC-16/XMODEM (polynomial 0x1021, start 0, no reflection, no final XOR),
 * the checksum DCS frames and some files carry as `CRC=<decimal>`.
 */
export function computeCrc16Xmodem(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit += 1) {
      crc =
        crc & 0x8000 ? ((crc << 1) ^ POLYNOMIAL) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}
