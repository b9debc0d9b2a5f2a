/* ProcessPrng for Wine 8.0 (Debian 12), which lacks bcryptprimitives.dll.
 *
 * Rust's standard library on Windows takes its random seeds from ProcessPrng in
 * bcryptprimitives.dll, present on every Windows since 10. Debian 12's Wine has no such DLL,
 * so `cargo xtask test` builds this stand-in with mingw-w64 into its own Wine prefix to run
 * lianluo.exe there. It is never shipped: real Windows has the DLL. Later Wine versions have
 * it too, and then this one is not used.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom, advapi32 */

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000 ? 0x10000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
