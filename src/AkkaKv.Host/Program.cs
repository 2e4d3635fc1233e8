return await AkkaKv.Host.AkkaKvHost.RunAsync(args);
