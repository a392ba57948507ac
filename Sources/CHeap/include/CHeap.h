// Settings of the C heap that Swift's platform modules do not expose (`mallopt` is in <malloc.h>).
#ifndef CHEAP_H
#define CHEAP_H

/// Lets the heap grow in 64 MB steps (glibc only; elsewhere it does nothing).
void kpi_grow_heap_in_large_steps(void);

#endif
