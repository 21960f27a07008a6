#ifndef CMALLOC_H
#define CMALLOC_H

/// Limits glibc's malloc to `arenas` arenas (M_ARENA_MAX); nothing elsewhere.
void kpi_limit_malloc_arenas(int arenas);

#endif
