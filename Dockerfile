# Builds the service image used by docker-compose.yml.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY . .
RUN dotnet publish src/Reporting/Reporting.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# The database, key file and mail pickup live on a volume; the app runs as the image's non-root user.
ENV Storage__DataDirectory=/data \
    Urls=http://0.0.0.0:8080
RUN mkdir -p /data && chown app:app /data
USER app
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "Reporting.dll"]
