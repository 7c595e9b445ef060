// Process-wide memory set-up for the command: the heap in huge pages.
#pragma once

namespace newsclean::cli {

// Asks the kernel to back the main heap with transparent huge pages, where
// it allows them ("madvise" or "always" in
// /sys/kernel/mm/transparent_hugepage/enabled), and keeps the heap from being
// handed back in small pieces. Call once, first thing in main, before other
// threads start. Does nothing where the system has no such pages.
//
// Why: the rule sets' automata (RE2's DFA states) are built as the text
// needs them and end up spread over tens of megabytes of heap; a search
// steps from state to state at random, and with 4 KiB pages most steps also
// miss the TLB. In 2 MiB pages the same walk runs about a tenth faster (text
// and HTML alike; bench/throughput.sh and bench/html_speed.sh).
//
// The library does not do this: a process that embeds it (Python) keeps its
// own allocator settings.
void use_huge_pages_for_heap();

}  // namespace newsclean::cli
