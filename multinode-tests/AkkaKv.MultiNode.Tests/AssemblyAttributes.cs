// Every spec starts several server processes; run one spec at a time so they do not compete for the cores
// (and, once specs use network namespaces, for the namespaces).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
