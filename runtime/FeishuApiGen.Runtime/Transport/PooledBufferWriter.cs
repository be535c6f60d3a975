using System.Buffers;

namespace FeishuApiGen.Transport;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over <see cref="ArrayPool{T}.Shared"/>: JSON bodies grow without garbage. Arrays
/// larger than <see cref="LargestPooled"/> are plain allocations left to the GC, because the shared pool keeps what it is
/// given (up to a gigabyte an array): one huge answer must not stay resident after its call.
/// </summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    /// <summary>The largest array rented from and returned to the shared pool.</summary>
    public const int LargestPooled = 1 << 20;

    private byte[] _buffer;
    private int _written;

    private readonly int _maxCapacity;

    /// <param name="initialCapacity">The first array's size.</param>
    /// <param name="maxCapacity">The size growth stops doubling at (it still grows as far as a write needs).</param>
    public PooledBufferWriter(int initialCapacity = 1024, int maxCapacity = int.MaxValue)
    {
        _buffer = Rent(initialCapacity);
        _maxCapacity = maxCapacity;
    }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public int WrittenCount => _written;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _written);
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        Return(buffer);
    }

    private void Ensure(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        var doubled = Math.Min((long)_buffer.Length * 2, _maxCapacity);
        var next = Rent((int)Math.Min(Array.MaxLength, Math.Max(doubled, (long)_written + needed)));
        _buffer.AsSpan(0, _written).CopyTo(next);
        Return(_buffer);
        _buffer = next;
    }

    private static byte[] Rent(int size) => size <= LargestPooled ? ArrayPool<byte>.Shared.Rent(size) : GC.AllocateUninitializedArray<byte>(size);

    private static void Return(byte[] buffer)
    {
        if (buffer.Length is > 0 and <= LargestPooled)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
