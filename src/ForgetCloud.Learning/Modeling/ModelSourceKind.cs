namespace ForgetCloud.Learning.Modeling;

public enum ModelSourceKind
{
    Preset,
    Directory,
    HubId,
}
