# DataPrep: raw datasets -> token shards in blob storage. CPU libtorch only (it tokenizes, never trains).
# Build from the repository root: docker build -f infra/docker/DataPrep.Dockerfile -t forgetcloud-dataprep .

FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
WORKDIR /src
# The whole repository (minus .dockerignore): Directory.*.props, build/ and the project graph are needed to restore.
COPY . .
RUN dotnet publish services/DataPrep/ForgetCloud.DataPrep.csproj -c Release -o /app/publish -p:UseAppHost=false

# The runtime image: no SDK, no sources; Ubuntu 24.04 like the build stage (its libstdc++ suits libLibTorchSharp).
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS final
WORKDIR /app
COPY --from=build /app/publish .
# The images' unprivileged 'app' user (UID 1654); Kestrel listens on 8080 (ASPNETCORE_HTTP_PORTS).
USER $APP_UID
EXPOSE 8080
# The image has no curl: bash's /dev/tcp asks /health (Redis, RabbitMQ and blob checks included) for a 200.
HEALTHCHECK --interval=30s --timeout=10s --retries=5 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "ForgetCloud.DataPrep.dll"]
