# AkkaKv server image.
#   docker build -t akkakv .
#   docker run -p 6379:6379 -v akkakv-data:/data akkakv
#   docker run -p 6379:6379 akkakv --port 6379 --databases 32     (extra options go after the image)
# The entrypoint binds 0.0.0.0 so the published port is reachable; the working directory (where
# persistence files go, dir = ".") is the /data volume. The documented standalone config is shipped
# at /etc/akkakv/standalone.conf for reference and for mounting your own over it.

# ---- build: the SDK compiles and publishes src/AkkaKv.Host ----------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/AkkaKv.Host/AkkaKv.Host.csproj -c Release -o /app --nologo -p:UseAppHost=false

# ---- runtime: the .NET runtime + redis-cli for the health check ------------------------------------
FROM mcr.microsoft.com/dotnet/runtime:10.0 AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends redis-tools \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data /etc/akkakv \
    && chown "$APP_UID" /data
COPY --from=build /app /opt/akkakv
COPY hocon/standalone.conf /etc/akkakv/standalone.conf
WORKDIR /data
VOLUME ["/data"]
EXPOSE 6379
USER $APP_UID
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
    CMD redis-cli -p 6379 ping | grep -q PONG || exit 1
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "/opt/akkakv/akkakv-server.dll", "--bind", "0.0.0.0"]
CMD []
