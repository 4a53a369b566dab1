global using Microsoft.Extensions.Logging;
global using Microsoft.Extensions.Time.Testing;
global using NUnit.Framework;
