// A bump allocator for one Gumbo parse.
//
// Gumbo mallocs every node, attribute, string and vector of a page on its
// own and frees them one by one in gumbo_destroy_output: on news pages that
// malloc/free traffic cost about as much as the parse itself. From an arena
// an allocation is a pointer bump, a free does nothing, and the whole page
// goes at once when the arena is reset for the next one.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace newsclean::html {

class Arena {
 public:
  // Gumbo calls this for every node, string and vector (millions of times
  // over a hundred pages): the common case is a bump of one pointer.
  void* allocate(std::size_t size) {
    size = (size + kAlign - 1) & ~(kAlign - 1);
    if (size != 0 && size <= static_cast<std::size_t>(end_ - next_)) {
      void* p = next_;
      next_ += size;
      return p;
    }
    return allocate_slow(size);
  }
  // Forgets every allocation; keeps memory for the next page, unless the
  // last one was so large that holding on to it would pin a lot of memory.
  void reset();
  std::size_t bytes_reserved() const { return reserved_; }

  // For GumboOptions.allocator / .deallocator, with the arena as userdata.
  static void* gumbo_allocate(void* arena, std::size_t size) { return static_cast<Arena*>(arena)->allocate(size); }
  static void gumbo_free(void*, void*) {}

 private:
  struct Chunk {
    std::unique_ptr<char[]> data;
    std::size_t size;
  };
  static constexpr std::size_t kAlign = 16;
  static constexpr std::size_t kFirstChunk = 64u << 10;
  static constexpr std::size_t kMaxChunk = 4u << 20;
  static constexpr std::size_t kKeep = 16u << 20;  // reserved bytes kept across reset()

  void* allocate_slow(std::size_t size);

  std::vector<Chunk> chunks_;
  std::size_t current_ = 0;  // index of the chunk being filled
  char* next_ = nullptr;     // its first free byte
  char* end_ = nullptr;      // its end
  std::size_t reserved_ = 0;
};

}  // namespace newsclean::html
