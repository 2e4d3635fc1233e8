// Scratch buffers from stackalloc are always written before they are read; zeroing them is wasted work.
[module: System.Runtime.CompilerServices.SkipLocalsInit]
