namespace AkkaKv.Server.Commands;

/// <summary>A key that received elements blocked clients may be waiting for.</summary>
public readonly record struct ReadyKey(int Database, byte[] Key);
