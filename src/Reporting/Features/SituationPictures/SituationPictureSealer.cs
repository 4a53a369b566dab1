using Reporting.Infrastructure.Encryption;
using Reporting.Infrastructure.Serialization;

namespace Reporting.Features.SituationPictures;

/// <summary>Seals a situation picture's content with the row's own data key (wrapped with its administration's key), bound to the row and padded like a report's.</summary>
public sealed class SituationPictureSealer(EnvelopeCipher cipher)
{
    private const string ContentPurpose = "situation-picture";

    public void Seal(SituationPicture picture, SituationPictureContent content)
    {
        byte[] dataKey;
        if (picture.WrappedKey.Length == 0)
        {
            var (wrapped, key) = cipher.NewDataKey(picture.Id, SituationPicture.KeyPurpose, picture.KeyOwner);
            picture.Rewrap(wrapped);
            dataKey = key;
        }
        else
        {
            dataKey = DataKey(picture);
        }

        picture.Replace(EnvelopeCipher.SealContent(dataKey, picture.Id, PaddedJson.Serialize(content, ReportingJsonContext.Default.SituationPictureContent), ContentPurpose));
    }

    public SituationPictureContent Open(SituationPicture picture) =>
        PaddedJson.Deserialize(EnvelopeCipher.OpenContent(DataKey(picture), picture.Id, picture.Content, ContentPurpose), ReportingJsonContext.Default.SituationPictureContent);

    private byte[] DataKey(SituationPicture picture) => cipher.Unwrap(new WrappedDataKey(picture.KeyId, picture.WrappedKey), picture.Id, SituationPicture.KeyPurpose);
}
