// Reading a large workspace allocates hundreds of MB in small pieces on several threads. By default
// glibc grows each thread's heap a few pages at a time, one `mprotect` call each (111,576 calls
// for 100,000 KPIs); with a 64 MB pad, 21. The pad is address space: pages count only once touched.

#include "CHeap.h"

#if defined(__linux__)
#include <malloc.h>   // glibc and musl; only glibc defines M_TOP_PAD
#endif

void kpi_grow_heap_in_large_steps(void) {
#if defined(M_TOP_PAD)
    mallopt(M_TOP_PAD, 64 << 20);
#endif
}
